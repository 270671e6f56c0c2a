-- CreateTable
CREATE TABLE "SpeakingPractice" (
    "id" UUID NOT NULL,
    "learnerId" UUID NOT NULL,
    "phraseId" INTEGER NOT NULL,
    "score" INTEGER NOT NULL,
    "missedTones" INTEGER[],
    "practisedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SpeakingPractice_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SpeakingPractice_learnerId_idx" ON "SpeakingPractice"("learnerId");

-- AddForeignKey
ALTER TABLE "SpeakingPractice" ADD CONSTRAINT "SpeakingPractice_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SpeakingPractice" ADD CONSTRAINT "SpeakingPractice_phraseId_fkey" FOREIGN KEY ("phraseId") REFERENCES "Phrase"("id") ON DELETE CASCADE ON UPDATE CASCADE;

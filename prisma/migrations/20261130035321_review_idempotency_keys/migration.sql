-- CreateTable
CREATE TABLE "ReviewIdempotencyKey" (
    "learnerId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "card" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewIdempotencyKey_pkey" PRIMARY KEY ("learnerId","key")
);

-- AddForeignKey
ALTER TABLE "ReviewIdempotencyKey" ADD CONSTRAINT "ReviewIdempotencyKey_learnerId_fkey" FOREIGN KEY ("learnerId") REFERENCES "Learner"("id") ON DELETE CASCADE ON UPDATE CASCADE;

import { lessonPlansByLevel, wordNotes, type LessonPlan, type WordNotes } from './lesson-plan';
import { loadLexicon, type CedictEntry, type Lexicon } from './lexicon';
import { normalizeNumbered, numberedToMarks, pinyinProNumbered, withWordReadings } from './pinyin';

export type PhraseKind = 'WORD' | 'SENTENCE';

export type CurriculumPhrase = {
  /** From 1 inside the lesson: the words first, then the sentences. */
  position: number;
  kind: PhraseKind;
  hanzi: string;
  /** Tone marks, syllables separated by spaces: "xiè xie". */
  pinyin: string;
  /** Tone numbers, neutral tone 5: "xie4 xie5". */
  pinyinNumbered: string;
  english: string;
};

export type CurriculumLesson = {
  hskLevel: number;
  /** From 1 inside its HSK level. */
  position: number;
  slug: string;
  title: string;
  description: string;
  phrases: CurriculumPhrase[];
};

const syllableCount = (numbered: string) => normalizeNumbered(numbered).split(' ').length;

// Cross-references, classifiers and surnames are dictionary apparatus, not meanings.
const NOT_A_GLOSS = /^(CL:|surname |(old |erhua )?variant of|see |abbr\.|also pr\.|also written)/;

function glossOf(entries: CedictEntry[]): string | undefined {
  const senses = [...entries]
    .sort((a, b) => b.definitions.length - a.definitions.length)
    .flatMap((entry) => entry.definitions)
    .filter((definition) => definition && !NOT_A_GLOSS.test(definition));
  const [first, second] = senses;
  if (!first) return undefined;
  return second && first.length + second.length < 36 ? `${first}; ${second}` : first;
}

function buildWord(lexicon: Lexicon, notes: WordNotes, hanzi: string) {
  const numbered = normalizeNumbered(notes.readings[hanzi] ?? pinyinProNumbered(hanzi));
  const entries = lexicon.entriesOf(hanzi);
  const matching = entries.filter(
    (entry) => normalizeNumbered(entry.pinyinTones) === numbered.replace(/ /g, ''),
  );
  if (entries.length && !matching.length) {
    const known = entries.map((entry) => entry.pinyinTones).join(', ');
    throw new Error(
      `${hanzi}: read as "${numbered}", but CC-CEDICT has ${known}; set its reading in content/word-notes.json`,
    );
  }
  const english = notes.glosses[hanzi] ?? glossOf(matching);
  if (!english) throw new Error(`${hanzi}: no English gloss; add one to content/word-notes.json`);
  return { hanzi, numbered, english };
}

function assertCoversHskLevel(level: number, plans: LessonPlan[], official: string[]): void {
  const taught = plans.flatMap((plan) => plan.words);
  const duplicates = taught.filter((word, index) => taught.indexOf(word) !== index);
  const missing = official.filter((word) => !taught.includes(word));
  const extra = taught.filter((word) => !official.includes(word));
  if (duplicates.length || missing.length || extra.length) {
    throw new Error(
      `HSK ${level} lessons: duplicated [${duplicates}], missing [${missing}], not HSK ${level} [${extra}]`,
    );
  }
}

/**
 * The HSK 1 and 2 curriculum: every word of the official lists (from chinese-lexicon) in
 * themed lessons, with CC-CEDICT readings and glosses, plus the authored example sentences
 * read by pinyin-pro. Throws when the lessons and the word lists disagree.
 */
export async function buildCurriculum(lexicon?: Lexicon): Promise<CurriculumLesson[]> {
  const source = lexicon ?? (await loadLexicon());
  const notes = wordNotes();
  const levels = lessonPlansByLevel().map(([level, plans]) => {
    assertCoversHskLevel(level, plans, source.hskWords[level - 1] ?? []);
    return {
      level,
      plans: plans.map((plan) => ({
        plan,
        words: plan.words.map((hanzi) => buildWord(source, notes, hanzi)),
      })),
    };
  });
  const readings = Object.fromEntries(
    levels.flatMap(({ plans }) =>
      plans.flatMap(({ words }) =>
        words
          .filter((word) => [...word.hanzi].length > 1)
          .map((word) => [word.hanzi, word.numbered]),
      ),
    ),
  );
  return withWordReadings(readings, (readSentence) =>
    levels.flatMap(({ level, plans }) =>
      plans.map(({ plan, words }, lessonIndex): CurriculumLesson => {
        const sentences = plan.sentences.map((sentence) => {
          const read = readSentence(sentence.hanzi);
          if (sentence.reading && syllableCount(sentence.reading) !== syllableCount(read)) {
            throw new Error(`${sentence.hanzi}: reading "${sentence.reading}" is not "${read}"`);
          }
          return { ...sentence, numbered: normalizeNumbered(sentence.reading ?? read) };
        });
        const phrases = [
          ...words.map((word) => ({ ...word, kind: 'WORD' as const })),
          ...sentences.map((sentence) => ({ ...sentence, kind: 'SENTENCE' as const })),
        ];
        return {
          hskLevel: level,
          position: lessonIndex + 1,
          slug: plan.slug,
          title: plan.title,
          description: plan.description,
          phrases: phrases.map((phrase, index) => ({
            position: index + 1,
            kind: phrase.kind,
            hanzi: phrase.hanzi,
            pinyin: numberedToMarks(phrase.numbered),
            pinyinNumbered: phrase.numbered,
            english: phrase.english,
          })),
        };
      }),
    ),
  );
}

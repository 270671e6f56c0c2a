/** An authored example sentence. Its pinyin is generated (see pinyin.ts). */
export type SentencePlan = {
  hanzi: string;
  english: string;
  /**
   * The numbered reading, only where pinyin-pro misreads a character in context (得 as "dé"
   * in 说得很快, 谁 as "shuí"); it must have as many syllables as pinyin-pro's reading.
   */
  reading?: string;
};

/** One lesson as authored: which HSK words it teaches, in order, and its example sentences. */
export type LessonPlan = {
  slug: string;
  title: string;
  description: string;
  words: string[];
  sentences: SentencePlan[];
};

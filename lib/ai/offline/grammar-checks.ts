/**
 * The common HSK 1-2 mistakes the offline tutor can spot in a learner's hanzi, each with the
 * corrected sentence and the reason. Deliberately narrow patterns: a wrong "correction" of a
 * right sentence teaches worse than saying nothing.
 */
export interface GrammarCorrection {
  /** The learner's sentence, and the same sentence corrected. */
  original: string;
  corrected: string;
  why: string;
}

const SUBJECT = '(?:我们|你们|他们|她们|我|你|您|他|她|大家|妈妈|爸爸|老师)';
const TIME_WORD =
  '(?:今天|明天|昨天|现在|晚上|早上|上午|下午|中午|今年|明年|去年|星期[一二三四五六日天])';
const QUESTION_WORD = '(?:什么|谁|哪儿|哪里|哪|几|多少|怎么样|怎么|为什么)';

/** Nouns the lessons teach, with the measure word they take after a number or 这/那. */
const MEASURE_WORDS: Record<string, string> = {
  书: '本',
  人: '个',
  朋友: '个',
  学生: '个',
  同学: '个',
  苹果: '个',
  杯子: '个',
  女儿: '个',
  儿子: '个',
  猫: '只',
  狗: '只',
  衣服: '件',
  票: '张',
  桌子: '张',
  电脑: '台',
  椅子: '把',
  字: '个',
  问题: '个',
};

/** Verbs that a manner complement follows with 得 (说得很好), never 的. */
const MANNER_VERBS = '(?:说|跑|写|做|唱|来|吃|睡|学|走|开|玩|考|读|跳|打|洗|起)';

interface Rule {
  pattern: RegExp;
  fix: (match: RegExpExecArray) => string;
  why: (match: RegExpExecArray) => string;
}

const RULES: Rule[] = [
  {
    // 我是不老师 → 我不是老师 (but 是不是 is a question and stays).
    pattern: /是不(?!是)/u,
    fix: () => '不是',
    why: () => '不 goes before the verb it negates: 不是, never 是不.',
  },
  {
    pattern: /不有/u,
    fix: () => '没有',
    why: () => '有 is negated with 没, not 不: 没有.',
  },
  {
    pattern: new RegExp(
      `([一二两三四五六七八九十几这那])(${Object.keys(MEASURE_WORDS).join('|')})`,
      'u',
    ),
    fix: (match) => `${match[1] === '二' ? '两' : match[1]}${MEASURE_WORDS[match[2]!]}${match[2]}`,
    why: (match) =>
      `A number or 这/那 needs a measure word before the noun: ${MEASURE_WORDS[match[2]!]} for ${match[2]}.`,
  },
  {
    pattern: /二(个|本|只|件|张|台|把|杯|块)/u,
    fix: (match) => `两${match[1]}`,
    why: () => 'Before a measure word, "two" is 两, not 二.',
  },
  {
    pattern: new RegExp(`(${MANNER_VERBS})的(很|非常|太|真|不|好|快|慢)`, 'u'),
    fix: (match) => `${match[1]}得${match[2]}`,
    why: () => 'How a verb is done follows 得, not 的: 说得很好. 的 links a describer to a noun.',
  },
];

/** Rules that rebuild the whole sentence (word order, 吗). */
const SENTENCE_RULES: Rule[] = [
  {
    // 我去北京明天 → 我明天去北京
    pattern: new RegExp(`^(${SUBJECT})(\\p{Script=Han}+?)(${TIME_WORD})([。！!.]?)$`, 'u'),
    fix: (match) => `${match[1]}${match[3]}${match[2]}${match[4]}`,
    why: (match) =>
      `A time word comes before the verb, after the subject (or at the very start): ${match[1]}${match[3]}…`,
  },
  {
    // 我学习在家 → 我在家学习. 住在/坐在/放在 are right after the verb and are left alone, and so
    // is a sentence starting with an adverb or a verb of wanting (我想在家 is right).
    pattern: new RegExp(
      `^(${SUBJECT})((?!住|坐|放|站|写|生|是|都|也|还|不|没|很|就|正|现|会|想|要|可以|喜欢)\\p{Script=Han}{1,3})在(\\p{Script=Han}+?)([。！!.]?)$`,
      'u',
    ),
    fix: (match) => `${match[1]}在${match[3]}${match[2]}${match[4]}`,
    why: () => 'Where something happens (在 + place) comes before the verb: 我在家学习.',
  },
  {
    // 你叫什么名字吗？ → 你叫什么名字？
    pattern: new RegExp(`^(.*${QUESTION_WORD}.*?)吗([？?]?)$`, 'u'),
    fix: (match) => `${match[1]}？`,
    why: () =>
      'A question with a question word (什么, 谁, 哪儿, 几…) is already a question: no 吗.',
  },
];

/** Every correction for the learner's Chinese sentences, applied one after another. */
export function grammarCorrections(message: string): GrammarCorrection[] {
  const sentences = message.match(/[^。！？!?\n]*\p{Script=Han}[^。！？!?\n]*[。！？!?]?/gu) ?? [];
  return sentences.flatMap((raw) => {
    const original = raw.trim();
    let corrected = original;
    const reasons: string[] = [];
    for (const rule of RULES) {
      const match = rule.pattern.exec(corrected);
      if (!match) continue;
      reasons.push(rule.why(match));
      corrected =
        corrected.slice(0, match.index) +
        rule.fix(match) +
        corrected.slice(match.index + match[0].length);
    }
    for (const rule of SENTENCE_RULES) {
      const match = rule.pattern.exec(corrected);
      if (!match) continue;
      reasons.push(rule.why(match));
      corrected = rule.fix(match);
    }
    return corrected === original ? [] : [{ original, corrected, why: reasons.join(' ') }];
  });
}

import type { LessonPlan } from './lesson-plan';

// The 150 words of HSK 1, grouped by theme so that each lesson's sentences can use its own
// words. The example sentences are written for this curriculum (not taken from a source).
export const HSK1_LESSONS: LessonPlan[] = [
  {
    slug: 'hsk1-01-hello',
    title: 'Hello and thank you',
    description: 'Greet people, thank them, apologise and say goodbye.',
    words: ['你', '好', '我', '是', '谢谢', '不客气', '对不起', '没关系', '请', '再见', '喂'],
    sentences: [
      { hanzi: '你好！我是小王。', english: "Hello! I'm Xiao Wang." },
      { hanzi: '谢谢你！', english: 'Thank you!' },
      {
        hanzi: '对不起！——没关系。',
        english: "Sorry! — That's all right.",
        reading: 'dui4 bu5 qi3 mei2 guan1 xi5',
      },
      {
        hanzi: '喂，你好！我是小李。',
        english: 'Hello? (on the phone) Hi, this is Xiao Li.',
        reading: 'wei2 ni3 hao3 wo3 shi4 xiao3 li3',
      },
    ],
  },
  {
    slug: 'hsk1-02-people',
    title: 'People around you',
    description: 'Talk about who someone is: teachers, students, friends and doctors.',
    words: [
      '他',
      '她',
      '我们',
      '都',
      '人',
      '老师',
      '学生',
      '同学',
      '朋友',
      '先生',
      '小姐',
      '医生',
      '谁',
    ],
    sentences: [
      {
        hanzi: '他是谁？——他是我的老师。',
        english: 'Who is he? — He is my teacher.',
        reading: 'ta1 shi4 shei2 ta1 shi4 wo3 de5 lao3 shi1',
      },
      { hanzi: '我们都是同学。', english: 'We are all classmates.' },
      { hanzi: '她是医生，不是老师。', english: 'She is a doctor, not a teacher.' },
      { hanzi: '王先生是我的朋友。', english: 'Mr Wang is my friend.' },
    ],
  },
  {
    slug: 'hsk1-03-names',
    title: 'What is your name?',
    description: 'Ask for names, say where you are from and ask simple questions.',
    words: ['叫', '什么', '名字', '认识', '高兴', '很', '的', '吗', '呢', '中国', '北京', '汉语'],
    sentences: [
      { hanzi: '你叫什么名字？', english: "What's your name?" },
      { hanzi: '认识你很高兴。', english: 'Nice to meet you.' },
      {
        hanzi: '你是中国人吗？——是，我是北京人。',
        english: "Are you Chinese? — Yes, I'm from Beijing.",
      },
      { hanzi: '我学汉语，你呢？', english: "I'm learning Chinese. And you?" },
    ],
  },
  {
    slug: 'hsk1-04-numbers',
    title: 'Numbers one to ten',
    description: 'Count from one to ten and ask "how many?"',
    words: ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '几', '个'],
    sentences: [
      { hanzi: '你有几个中国朋友？', english: 'How many Chinese friends do you have?' },
      { hanzi: '我有三个中国朋友。', english: 'I have three Chinese friends.' },
      { hanzi: '我有九个同学。', english: 'I have nine classmates.' },
    ],
  },
  {
    slug: 'hsk1-05-family',
    title: 'My family',
    description: 'Parents, children, pets, and saying how old someone is.',
    words: ['家', '爸爸', '妈妈', '儿子', '女儿', '爱', '有', '没有', '和', '岁', '狗', '猫'],
    sentences: [
      { hanzi: '我爱我的爸爸妈妈。', english: 'I love my mum and dad.' },
      { hanzi: '你女儿几岁了？——她六岁了。', english: 'How old is your daughter? — She is six.' },
      { hanzi: '我家有猫，没有狗。', english: 'We have a cat at home, but no dog.' },
      { hanzi: '他有一个儿子和一个女儿。', english: 'He has a son and a daughter.' },
    ],
  },
  {
    slug: 'hsk1-06-time',
    title: 'Days and times',
    description: 'Dates, days of the week and telling the time.',
    words: ['今天', '明天', '昨天', '年', '月', '号', '星期', '现在', '点', '分钟', '时候'],
    sentences: [
      { hanzi: '今天几月几号？', english: "What's the date today?" },
      { hanzi: '现在几点？——现在三点。', english: "What time is it? — It's three o'clock." },
      { hanzi: '明天是星期六。', english: 'Tomorrow is Saturday.' },
      { hanzi: '你什么时候回家？', english: 'When are you going home?' },
    ],
  },
  {
    slug: 'hsk1-07-my-day',
    title: 'My day',
    description: 'Morning, noon and afternoon: working, studying, going and coming back.',
    words: ['上午', '中午', '下午', '工作', '学习', '学校', '做', '去', '来', '回', '睡觉'],
    sentences: [
      {
        hanzi: '我上午工作，下午学习。',
        english: 'I work in the morning and study in the afternoon.',
      },
      { hanzi: '你中午做什么？', english: 'What do you do at noon?' },
      { hanzi: '她明天去学校。', english: 'She is going to school tomorrow.' },
      { hanzi: '你什么时候回来？', english: 'When are you coming back?' },
      { hanzi: '我十一点睡觉。', english: 'I go to bed at eleven.' },
    ],
  },
  {
    slug: 'hsk1-08-food',
    title: 'Eating and drinking',
    description: 'Order food and drinks, and say what you would like.',
    words: ['吃', '喝', '菜', '米饭', '水果', '苹果', '茶', '水', '杯子', '饭店', '想'],
    sentences: [
      { hanzi: '你想吃什么？', english: 'What would you like to eat?' },
      { hanzi: '我想喝茶。', english: 'I would like some tea.' },
      {
        hanzi: '我们去饭店吃中国菜。',
        english: 'We are going to a restaurant to eat Chinese food.',
      },
      { hanzi: '这个杯子是我的。', english: 'This cup is mine.' },
    ],
  },
  {
    slug: 'hsk1-09-shopping',
    title: 'Shopping',
    description: 'Prices, money and how much or how many you want.',
    words: ['买', '钱', '块', '多少', '多', '少', '些', '一点儿', '东西', '衣服', '商店', '太'],
    sentences: [
      { hanzi: '这个多少钱？', english: 'How much is this?' },
      { hanzi: '这些苹果十块钱。', english: 'These apples are ten yuan.' },
      { hanzi: '太多了，我买一点儿。', english: "That's too much; I'll buy a little." },
      { hanzi: '我去商店买东西。', english: "I'm going to the shop to buy some things." },
    ],
  },
  {
    slug: 'hsk1-10-where',
    title: 'Where is it?',
    description: 'Ask where things are and where people live.',
    words: ['在', '哪', '哪儿', '这', '那', '里', '上', '下', '前面', '后面', '住'],
    sentences: [
      { hanzi: '你住在哪儿？', english: 'Where do you live?' },
      { hanzi: '我的书在桌子上。', english: 'My book is on the table.' },
      { hanzi: '商店在学校前面。', english: 'The shop is in front of the school.' },
      { hanzi: '那是谁的猫？', english: 'Whose cat is that?', reading: 'na4 shi4 shei2 de5 mao1' },
    ],
  },
  {
    slug: 'hsk1-11-reading-writing',
    title: 'Reading and writing',
    description: 'Books, characters, screens and the furniture around them.',
    words: ['桌子', '椅子', '电脑', '电视', '书', '本', '字', '写', '读', '看', '看见'],
    sentences: [
      { hanzi: '这个字怎么写？', english: 'How do you write this character?' },
      { hanzi: '桌子上有一本书。', english: 'There is a book on the table.' },
      { hanzi: '你看见我的电脑了吗？', english: 'Have you seen my computer?' },
      {
        hanzi: '他喜欢读书，不喜欢看电视。',
        english: "He likes reading, but he doesn't like watching TV.",
      },
    ],
  },
  {
    slug: 'hsk1-12-weather-travel',
    title: 'Weather and getting around',
    description: 'Talk about the weather, taxis and planes, and what you can do.',
    words: ['天气', '冷', '热', '下雨', '飞机', '出租车', '坐', '怎么', '怎么样', '能', '会'],
    sentences: [
      { hanzi: '今天天气怎么样？', english: "What's the weather like today?" },
      { hanzi: '明天会下雨。', english: 'It will rain tomorrow.' },
      { hanzi: '我坐飞机去北京。', english: "I'm flying to Beijing." },
      { hanzi: '你会说汉语吗？', english: 'Can you speak Chinese?' },
      { hanzi: '我们怎么去？——坐出租车。', english: 'How shall we get there? — By taxi.' },
    ],
  },
  {
    slug: 'hsk1-13-likes',
    title: 'Likes and plans',
    description: 'Say what you like, describe things and talk about what happened.',
    words: ['喜欢', '电影', '漂亮', '大', '小', '听', '说', '开', '打电话', '医院', '了', '不'],
    sentences: [
      { hanzi: '我喜欢看电影。', english: 'I like watching films.' },
      { hanzi: '她的家不大，很漂亮。', english: "Her home isn't big, but it's very pretty." },
      { hanzi: '你听，他在打电话。', english: "Listen, he's on the phone." },
      { hanzi: '他去医院了。', english: 'He has gone to the hospital.' },
    ],
  },
];

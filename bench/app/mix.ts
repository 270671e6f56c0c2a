import { randomUUID } from 'node:crypto';
import type { RequestParams } from 'autocannon';
import { LEARNER_COOKIE } from '@/lib/learner/cookie';
import { sign } from '@/lib/security/signed-value';
import { seededRandom, zipfSampler } from './zipf';

export type Operation = 'page' | 'progress' | 'tts' | 'chat' | 'review';

/** 80% reads (pages, progress, speech URLs), 10% tutor questions, 10% progress writes. */
export const MIX: Record<Operation, number> = {
  page: 0.2,
  progress: 0.3,
  tts: 0.3,
  chat: 0.1,
  review: 0.1,
};

/** What learners ask the offline tutor, most popular first (Zipf over this list). */
const QUESTIONS = [
  'ni3 hao3',
  'how do I say thank you',
  'what does 谢谢 mean',
  'xie4 xie5',
  'how do I say goodbye',
  'zai4 jian4',
  'what does 你好 mean',
  'how do I count to three',
  'what is 一',
  'how do I say I am a student',
  'what does 老师 mean',
  'how do I say water',
  'ni3 hao3 ma',
  'what does 中国 mean',
  'how do I say I love you',
  'what does 朋友 mean',
];

export interface Curriculum {
  phrases: { id: number; hanzi: string }[];
  lessonSlugs: string[];
}

/**
 * Builds each request of the mix: a learner from a fixed crowd (signed cookies, as the proxy
 * issues them), then an operation by weight; phrases and questions follow a Zipf law.
 */
export function requestMix(
  curriculum: Curriculum,
  {
    sessionSecret,
    learners,
    only,
    phrasePool = curriculum.phrases.length,
  }: { sessionSecret: string; learners: number; only?: Operation; phrasePool?: number },
) {
  const key = Buffer.from(sessionSecret, 'utf8');
  const cookies = Array.from(
    { length: learners },
    () => `${LEARNER_COOKIE}=${sign(randomUUID(), key)}`,
  );
  const random = seededRandom(7);
  const phrase = zipfSampler(Math.min(phrasePool, curriculum.phrases.length));
  const question = zipfSampler(QUESTIONS.length);
  const lesson = zipfSampler(curriculum.lessonSlugs.length);
  const operations = Object.entries(MIX) as [Operation, number][];

  const pick = (): Operation => {
    if (only) return only;
    let roll = random();
    for (const [operation, weight] of operations) {
      roll -= weight;
      if (roll < 0) return operation;
    }
    return 'page';
  };

  return (): { operation: Operation; request: RequestParams } => {
    const cookie = cookies[Math.floor(random() * cookies.length)]!;
    const json = { 'content-type': 'application/json', cookie };
    const operation = pick();
    switch (operation) {
      case 'page': {
        const slug = curriculum.lessonSlugs[lesson()]!;
        const path = random() < 0.5 ? '/' : `/lessons/${slug}`;
        return { operation, request: { method: 'GET', path, headers: { cookie } } };
      }
      case 'progress':
        return {
          operation,
          request: { method: 'GET', path: '/api/progress', headers: { cookie } },
        };
      case 'tts': {
        const text = curriculum.phrases[phrase()]!.hanzi;
        return {
          operation,
          request: {
            method: 'POST',
            path: '/api/tts',
            headers: json,
            body: JSON.stringify({ text }),
          },
        };
      }
      case 'chat':
        return {
          operation,
          request: {
            method: 'POST',
            path: '/api/chat',
            headers: json,
            body: JSON.stringify({ message: QUESTIONS[question()] }),
          },
        };
      case 'review': {
        const { id } = curriculum.phrases[Math.floor(random() * curriculum.phrases.length)]!;
        const rating = 1 + Math.floor(random() * 4);
        return {
          operation,
          request: {
            method: 'POST',
            path: '/api/reviews',
            headers: json,
            body: JSON.stringify({ phraseId: id, rating }),
          },
        };
      }
    }
  };
}

import { APP_NAMESPACES } from '@/lib/app-cache';
import { createCache, type Cache } from '@/lib/cache';
import type { PrismaClient } from '@/lib/db/generated/client';
import { SHARED_REDIS_URL } from '../support/redis';

/** A cache with only the app's `progress` policy, under a prefix the test owns. */
export function progressCache(prefix: string, url = SHARED_REDIS_URL): Cache<'progress'> {
  return createCache({
    prefix,
    redis: { mode: 'standalone', url },
    namespaces: { progress: APP_NAMESPACES.progress },
  });
}

export interface Curriculum {
  /** Phrase ids of lesson 1 then lesson 2, in curriculum order. */
  phraseIds: number[];
  lessonIds: number[];
}

/** Two HSK 1 lessons of three phrases each (inserted in reverse, so order comes from the data). */
export async function seedCurriculum(db: PrismaClient): Promise<Curriculum> {
  const words = [
    ['你好', 'nǐ hǎo', 'ni3 hao3', 'hello'],
    ['谢谢', 'xiè xie', 'xie4 xie5', 'thank you'],
    ['再见', 'zài jiàn', 'zai4 jian4', 'goodbye'],
    ['一', 'yī', 'yi1', 'one'],
    ['二', 'èr', 'er4', 'two'],
    ['三', 'sān', 'san1', 'three'],
  ] as const;
  const second = await db.lesson.create({
    data: { hskLevel: 1, position: 2, slug: 'hsk1-numbers', title: 'Numbers', description: '' },
  });
  const first = await db.lesson.create({
    data: { hskLevel: 1, position: 1, slug: 'hsk1-greetings', title: 'Greetings', description: '' },
  });
  const phraseIds: number[] = [];
  for (const [index, lesson] of [first, second].entries()) {
    for (let position = 3; position >= 1; position -= 1) {
      const [hanzi, pinyin, pinyinNumbered, english] = words[index * 3 + position - 1]!;
      await db.phrase.create({
        data: {
          lessonId: lesson.id,
          position,
          kind: 'WORD',
          hanzi,
          pinyin,
          pinyinNumbered,
          english,
        },
      });
    }
  }
  for (const lesson of [first, second]) {
    const phrases = await db.phrase.findMany({
      where: { lessonId: lesson.id },
      orderBy: { position: 'asc' },
    });
    phraseIds.push(...phrases.map((phrase) => phrase.id));
  }
  return { phraseIds, lessonIds: [first.id, second.id] };
}

/** A clock the test moves by hand. */
export function manualClock(start: string) {
  let now = new Date(start);
  return {
    now: () => new Date(now),
    set(instant: string) {
      now = new Date(instant);
    },
    advance(ms: number) {
      now = new Date(now.getTime() + ms);
    },
  };
}

/** A promise plus the function that settles it: lets a test hold a loader mid-flight. */
export function gate(): { opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** `POST /api/reviews` as a browser sends it, with an Idempotency-Key when one is given. */
export function reviewRequest(cookie: string, body: unknown, idempotencyKey?: string): Request {
  return new Request('http://localhost/api/reviews', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      cookie,
      ...(idempotencyKey !== undefined && { 'idempotency-key': idempotencyKey }),
    },
    body: JSON.stringify(body),
  });
}

export { deadPort } from '../support/dead-port';

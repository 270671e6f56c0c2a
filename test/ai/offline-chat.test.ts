import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { handleChatPost } from '@/lib/ai/http/chat-handlers';
import { tutorProviderFromConfig } from '@/lib/ai/provider-from-config';
import type { TutorService } from '@/lib/ai/tutor-service';
import { chatRequest, startTutorHarness, type TutorHarness, type TutorLessons } from './fixtures';

let harness: TutorHarness;
let lessons: TutorLessons;
let service: TutorService;

before(async () => {
  // No AI_BASE_URL: the offline tutor, reading the curriculum from the database.
  harness = await startTutorHarness('ai-offline', (db) =>
    tutorProviderFromConfig(
      { AI_BASE_URL: undefined, AI_MODEL: 'unused', AI_API_KEY: undefined },
      db,
    ),
  );
  ({ lessons, service } = harness);
});

after(() => harness?.close());

async function ask(message: string) {
  const response = await handleChatPost(
    service,
    chatRequest({ message, lessonId: lessons.greetings.slug }, randomUUID()),
  );
  assert.equal(response.status, 200);
  return { text: await response.text(), cache: response.headers.get('x-cache') };
}

describe('offline tutor from the database curriculum', () => {
  for (const message of ['你好', 'ni3 hao3', 'hello']) {
    it(`explains 你好 when asked "${message}" and says it is offline`, async () => {
      const { text } = await ask(message);
      assert.match(text, /Offline tutor/);
      assert.match(text, /你好 — nǐ hǎo — "hello"/);
      assert.match(text, /Example: 你好，我叫王明。/);
      assert.match(text, /Practice:/);
    });
  }

  it('corrects wrong tones gently', async () => {
    const { text } = await ask('xie1 xie1');
    assert.match(text, /A small correction: you wrote "xie1 xie1", but the tones are xie4 xie5/);
  });

  it('knows words of other lessons', async () => {
    const { text } = await ask('How do I say two?');
    assert.match(text, /二 — èr — "two"/);
  });

  it('serves a repeated question from the cache', async () => {
    const first = await ask('zaijian');
    const second = await ask('zaijian');
    assert.equal(first.cache, 'MISS');
    assert.equal(second.cache, 'HIT');
    assert.equal(second.text, first.text);
  });
});

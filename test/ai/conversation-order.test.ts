import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { FakeOpenAi } from '../support/fake-openai';
import { tutorOnFakeOpenAiForFile, type TutorHarness } from './fixtures';

let harness: TutorHarness;
let fake: FakeOpenAi;

tutorOnFakeOpenAiForFile('ai-order', (created) => ({ harness, fake } = created));

it('keeps a conversation in the order it was said, even when it all happens within one millisecond', async (t) => {
  fake.behaviour = { kind: 'stream', deltas: ['好的。'] };
  const learnerId = randomUUID();
  const say = async (message: string, conversationId?: string) => {
    const reply = await harness.service.chat({ learnerId, message, conversationId });
    for await (const piece of reply.stream) assert.equal(typeof piece, 'string');
    return reply.conversationId;
  };
  // A reply from the cache is stored within the millisecond of its question on a quick machine;
  // a clock that stands still makes every message tie, so only the service can keep the order.
  t.mock.timers.enable({ apis: ['Date'], now: Date.now() });
  const id = await say('turn 0');
  for (let turn = 1; turn < 6; turn += 1) await say(`turn ${turn}`, id);
  const { messages } = await harness.service.conversation(learnerId, id);
  assert.deepEqual(
    messages.map((message) => `${message.role}: ${message.content}`),
    Array.from({ length: 6 }, (_, turn) => [`user: turn ${turn}`, 'assistant: 好的。']).flat(),
  );
});

import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createOpenAiCompatibleProvider } from '@/lib/ai/openai-compatible-provider';
import { TutorProviderError } from '@/lib/ai/provider-error';
import type { TutorProvider } from '@/lib/ai/provider';
import { startFakeOpenAi, type FakeOpenAi } from '../support/fake-openai';

const messages = [{ role: 'user' as const, content: 'How do I say hello?' }];

async function collect(provider: TutorProvider, signal = new AbortController().signal) {
  let text = '';
  const deltas: string[] = [];
  for await (const delta of provider.stream({ model: 'test-model', messages, signal })) {
    deltas.push(delta);
    text += delta;
  }
  return { text, deltas };
}

async function failure(promise: Promise<unknown>): Promise<TutorProviderError> {
  const error = await promise.then(
    () => assert.fail('expected the provider to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(
    error instanceof TutorProviderError,
    `expected TutorProviderError, got ${String(error)}`,
  );
  return error;
}

describe('OpenAI-compatible provider over a real HTTP server', () => {
  let fake: FakeOpenAi;
  let provider: TutorProvider;

  before(async () => {
    fake = await startFakeOpenAi();
    provider = createOpenAiCompatibleProvider({
      baseUrl: fake.baseUrl,
      apiKey: 'sk-test',
      firstByteTimeoutMs: 1000,
      idleTimeoutMs: 1000,
    });
  });
  after(() => fake.close());

  it('streams the reply delta by delta and sends model, messages, stream and the bearer key', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['你好', '！', ' Nǐ hǎo.'] };
    fake.requests.length = 0;
    const { text, deltas } = await collect(provider);
    assert.equal(text, '你好！ Nǐ hǎo.');
    assert.deepEqual(deltas, ['你好', '！', ' Nǐ hǎo.']);
    const [request] = fake.requests;
    assert.equal(request?.path, '/v1/chat/completions');
    assert.equal(request?.authorization, 'Bearer sk-test');
    assert.equal(request?.body.model, 'test-model');
    assert.equal(request?.body.stream, true);
    assert.deepEqual(request?.body.messages, messages);
  });

  for (const splitEveryBytes of [1, 2, 5, 7]) {
    it(`reassembles lines and UTF-8 characters cut every ${splitEveryBytes} byte(s)`, async () => {
      fake.behaviour = {
        kind: 'stream',
        deltas: ['我叫', '王明。', '\n', 'Wǒ jiào Wáng Míng — "my name is".'],
        splitEveryBytes,
      };
      const { text } = await collect(provider);
      assert.equal(text, '我叫王明。\nWǒ jiào Wáng Míng — "my name is".');
    });
  }

  it('accepts a stream that ends without [DONE]', async () => {
    fake.behaviour = { kind: 'stream', deltas: ['谢谢'], omitDone: true };
    assert.equal((await collect(provider)).text, '谢谢');
  });

  it('accepts a server that ignores stream:true and answers one JSON completion', async () => {
    fake.behaviour = { kind: 'json', text: '不客气 (bú kèqi)' };
    assert.equal((await collect(provider)).text, '不客气 (bú kèqi)');
  });

  it('turns an upstream 500 into a typed upstream error mapped to 502', async () => {
    fake.behaviour = { kind: 'error', status: 500 };
    const error = await failure(collect(provider));
    assert.equal(error.kind, 'upstream_error');
    assert.equal(error.upstreamStatus, 500);
    assert.equal(error.httpStatus, 502);
  });

  it('turns an upstream 429 into a typed rate-limit error', async () => {
    fake.behaviour = { kind: 'error', status: 429 };
    const error = await failure(collect(provider));
    assert.equal(error.kind, 'rate_limited');
    assert.equal(error.httpStatus, 502);
  });

  it('gives up on a server that never answers with a timeout error mapped to 504', async () => {
    fake.behaviour = { kind: 'hang' };
    const started = Date.now();
    const error = await failure(collect(provider));
    assert.equal(error.kind, 'timeout');
    assert.equal(error.httpStatus, 504);
    assert.ok(Date.now() - started < 3_000, 'must not hang');
  });

  it('gives up on a stream that stalls halfway', async () => {
    fake.behaviour = { kind: 'stall', deltas: ['你'] };
    const error = await failure(collect(provider));
    assert.equal(error.kind, 'timeout');
  });

  it('stops when the caller aborts, with the caller’s reason', async () => {
    fake.behaviour = { kind: 'hang' };
    const controller = new AbortController();
    const reason = new Error('learner left');
    setTimeout(() => controller.abort(reason), 50);
    await assert.rejects(collect(provider, controller.signal), (error) => error === reason);
  });

  it('reports an endpoint where nothing listens as unreachable', async () => {
    const closed = await startFakeOpenAi();
    await closed.close();
    const unreachable = createOpenAiCompatibleProvider({ baseUrl: closed.baseUrl });
    const error = await failure(collect(unreachable));
    assert.equal(error.kind, 'unreachable');
    assert.equal(error.httpStatus, 502);
  });
});

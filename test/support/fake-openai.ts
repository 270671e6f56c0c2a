import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server speaking OpenAI's chat-completions wire format, so the real provider code
 * (fetch, SSE parsing, timeouts) is tested over a real socket instead of against a mock.
 */
export type FakeBehaviour =
  /**
   * SSE reply; `splitEveryBytes` cuts the byte stream at fixed offsets (mid-line, mid-UTF-8),
   * `pauseMs` waits that long between events, like a model writing.
   */
  | {
      kind: 'stream';
      deltas?: string[];
      splitEveryBytes?: number;
      omitDone?: boolean;
      pauseMs?: number;
    }
  /** Ignores `stream: true` and answers one JSON completion. */
  | { kind: 'json'; text: string }
  | { kind: 'error'; status: 429 | 500 | 401 }
  /** Accepts the request and never answers. */
  | { kind: 'hang' }
  /** Sends the first deltas, then stalls forever. */
  | { kind: 'stall'; deltas: string[] };

export interface RecordedRequest {
  path: string;
  authorization: string | undefined;
  body: { model?: string; stream?: boolean; messages?: { role: string; content: string }[] };
}

export interface FakeOpenAi {
  baseUrl: string;
  requests: RecordedRequest[];
  /** How many streamed replies were sent to the end. */
  finishedReplies: number;
  behaviour: FakeBehaviour;
  close(): Promise<void>;
}

export const DEFAULT_FAKE_DELTAS = ['你好！', ' (nǐ hǎo)', ' means "hello".'];

export async function startFakeOpenAi(
  behaviour: FakeBehaviour = { kind: 'stream' },
): Promise<FakeOpenAi> {
  const fake: FakeOpenAi = {
    baseUrl: '',
    requests: [],
    finishedReplies: 0,
    behaviour,
    close: async () => {},
  };

  const server = createServer((request, response) => {
    void handle(fake, request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  fake.baseUrl = `http://127.0.0.1:${port}/v1`;
  fake.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return fake;
}

async function handle(fake: FakeOpenAi, request: IncomingMessage, response: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const body = JSON.parse(
    Buffer.concat(chunks).toString('utf8') || '{}',
  ) as RecordedRequest['body'];
  fake.requests.push({
    path: request.url ?? '',
    authorization: request.headers.authorization,
    body,
  });

  if (request.method !== 'POST' || request.url !== '/v1/chat/completions') {
    response.writeHead(404).end();
    return;
  }
  const behaviour = fake.behaviour;
  switch (behaviour.kind) {
    case 'hang':
      return;
    case 'error':
      response
        .writeHead(behaviour.status, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ error: { message: `fake error ${behaviour.status}` } }));
      return;
    case 'json':
      response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify(completion(body.model, behaviour.text)));
      return;
    case 'stall':
      response.writeHead(200, { 'Content-Type': 'text/event-stream' });
      response.write(behaviour.deltas.map((delta) => sseEvent(chunk(body.model, delta))).join(''));
      return;
    case 'stream': {
      const deltas = behaviour.deltas ?? DEFAULT_FAKE_DELTAS;
      if (body.stream === false) {
        response
          .writeHead(200, { 'Content-Type': 'application/json' })
          .end(JSON.stringify(completion(body.model, deltas.join(''))));
        return;
      }
      const events = [
        ...deltas.map((delta) => sseEvent(chunk(body.model, delta))),
        sseEvent({
          ...chunk(body.model, ''),
          choices: [{ index: 0, delta: {}, finish_reason: 'stop' }],
        }),
        behaviour.omitDone ? '' : 'data: [DONE]\n\n',
      ];
      response.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      const writes = behaviour.pauseMs === undefined ? [events.join('')] : events;
      for (const [index, text] of writes.entries()) {
        if (index > 0) await new Promise((resolve) => setTimeout(resolve, behaviour.pauseMs));
        const bytes = Buffer.from(text, 'utf8');
        const step = behaviour.splitEveryBytes ?? bytes.length;
        for (let offset = 0; offset < bytes.length; offset += step) {
          response.write(bytes.subarray(offset, offset + step));
          // A macrotask between writes makes each piece arrive as its own network chunk.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      response.end();
      fake.finishedReplies += 1;
      return;
    }
  }
}

function sseEvent(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

function chunk(model: string | undefined, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion.chunk',
    created: 0,
    model: model ?? 'fake',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
  };
}

function completion(model: string | undefined, content: string) {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: model ?? 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
  };
}

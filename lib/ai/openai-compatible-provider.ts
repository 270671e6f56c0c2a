import { EventSourceParserStream } from 'eventsource-parser/stream';
import { z } from 'zod';
import { errorKindForStatus, TutorProviderError } from './provider-error';
import type { TutorProvider, TutorRequest } from './provider';

/**
 * Any OpenAI-compatible chat-completions endpoint (OpenAI, Gemini's compatible endpoint, Ollama,
 * vLLM, llama.cpp) through plain fetch: the wire format is small and stable, an SDK per vendor
 * is not worth its weight.
 */
export interface OpenAiCompatibleOptions {
  /** e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`. */
  baseUrl: string;
  apiKey?: string;
  /** How long to wait for the response to start before giving up. */
  firstByteTimeoutMs?: number;
  /** How long the stream may stay silent between two chunks. */
  idleTimeoutMs?: number;
}

const DEFAULT_FIRST_BYTE_TIMEOUT_MS = 20_000;
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;

const streamChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z.object({ content: z.string().nullish() }).nullish(),
        finish_reason: z.string().nullish(),
      }),
    )
    .default([]),
  error: z.object({ message: z.string() }).nullish(),
});

/** A server that ignores `stream: true` answers one JSON completion; accept that too. */
const completionSchema = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().nullish() }) })).min(1),
});

export function createOpenAiCompatibleProvider(options: OpenAiCompatibleOptions): TutorProvider {
  const url = `${options.baseUrl.replace(/\/+$/, '')}/chat/completions`;
  const firstByteTimeoutMs = options.firstByteTimeoutMs ?? DEFAULT_FIRST_BYTE_TIMEOUT_MS;
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    Accept: 'text/event-stream, application/json',
    ...(options.apiKey && { Authorization: `Bearer ${options.apiKey}` }),
  };

  async function* stream({ model, messages, signal }: TutorRequest): AsyncIterable<string> {
    const watchdog = new AbortController();
    let timer = setTimeout(() => watchdog.abort(), firstByteTimeoutMs);
    const restartWatchdog = () => {
      clearTimeout(timer);
      timer = setTimeout(() => watchdog.abort(), idleTimeoutMs);
    };
    const combined = AbortSignal.any([signal, watchdog.signal]);
    let reader: ReadableStreamDefaultReader<{ data: string }> | undefined;
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ model, messages, stream: true }),
        signal: combined,
      });
      restartWatchdog();
      if (!response.ok) {
        const detail = (await response.text().catch(() => '')).slice(0, 300);
        throw new TutorProviderError(
          errorKindForStatus(response.status),
          `AI provider answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`,
          response.status,
        );
      }
      if (!response.body) {
        throw new TutorProviderError('malformed_response', 'AI provider sent no response body');
      }
      if (response.headers.get('content-type')?.includes('application/json')) {
        yield parseCompletion(await response.json());
        return;
      }
      // TextDecoderStream keeps multi-byte characters split across network chunks intact, and
      // the parser keeps lines split across chunks intact.
      // Any bytes count as a sign of life, even when they do not complete an event yet.
      const heartbeat = new TransformStream<Uint8Array<ArrayBuffer>, Uint8Array<ArrayBuffer>>({
        transform(chunk, controller) {
          restartWatchdog();
          controller.enqueue(chunk);
        },
      });
      reader = response.body
        .pipeThrough(heartbeat)
        .pipeThrough(new TextDecoderStream())
        .pipeThrough(new EventSourceParserStream())
        .getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        if (value.data === '[DONE]') return;
        const delta = parseChunk(value.data);
        if (delta) yield delta;
      }
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      if (watchdog.signal.aborted) {
        throw new TutorProviderError('timeout', 'AI provider did not answer in time', undefined, {
          cause: error,
        });
      }
      if (error instanceof TutorProviderError) throw error;
      throw new TutorProviderError('unreachable', `AI provider unreachable at ${url}`, undefined, {
        cause: error,
      });
    } finally {
      clearTimeout(timer);
      // Stops the upstream generation when our reader quits early (client went away).
      await reader?.cancel().catch(() => {});
    }
  }

  return { name: `openai-compatible:${url}`, stream };
}

function parseChunk(data: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch (cause) {
    throw new TutorProviderError(
      'malformed_response',
      'AI provider sent a chunk that is not JSON',
      undefined,
      { cause },
    );
  }
  const chunk = streamChunkSchema.safeParse(json);
  if (!chunk.success) {
    throw new TutorProviderError('malformed_response', 'AI provider sent an unexpected chunk');
  }
  if (chunk.data.error) {
    throw new TutorProviderError(
      'upstream_error',
      `AI provider failed: ${chunk.data.error.message}`,
    );
  }
  return chunk.data.choices[0]?.delta?.content ?? undefined;
}

function parseCompletion(json: unknown): string {
  const completion = completionSchema.safeParse(json);
  if (!completion.success) {
    throw new TutorProviderError('malformed_response', 'AI provider sent an unexpected completion');
  }
  return completion.data.choices[0]?.message.content ?? '';
}

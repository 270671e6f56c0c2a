import { Worker } from 'node:worker_threads';
import { createConcurrencyLimit } from './concurrency-limit';
import { SpeechProviderError } from './speech-errors';

/** espeak-ng's command line, and the file in its virtual file system to send back. */
export interface EspeakJob {
  args: string[];
  outputFile: string;
}

type EspeakReply =
  | { ok: true; output: Uint8Array }
  | { ok: false; reason: 'not-installed' | 'failed'; message: string };

interface EspeakThread {
  /** False once the worker exited or is being terminated: it takes no further job. */
  readonly alive: boolean;
  run(job: EspeakJob): Promise<EspeakReply>;
  stop(): Promise<void>;
}

/**
 * One worker thread, one job at a time. It holds the process open only while a job runs, so an
 * idle engine never keeps a test run or a stopping server alive.
 */
function startThread(provider: string): EspeakThread {
  // This exact `new Worker(new URL('./…', import.meta.url))` shape is what Turbopack recognises
  // and bundles as a worker entry (for `next dev` and `next build`); under tsx it is a plain URL.
  // The script is plain JavaScript and needs none of the parent's Node flags, some of which
  // would break it (`--input-type`, say).
  const worker = new Worker(new URL('./espeak-worker.mjs', import.meta.url), { execArgv: [] });
  worker.unref();
  let alive = true;
  let pending: { resolve(reply: EspeakReply): void; reject(error: Error): void } | undefined;

  const settle = () => {
    const job = pending;
    pending = undefined;
    worker.unref();
    return job;
  };
  worker.on('message', (reply: EspeakReply) => settle()?.resolve(reply));
  // A crash (an uncaught error, running out of memory) or a terminate ends the thread; the job
  // it was running fails, and the pool starts a fresh thread for the next one.
  worker.on('error', (error) => {
    alive = false;
    settle()?.reject(
      new SpeechProviderError(provider, `espeak-ng worker crashed: ${error.message}`, {
        cause: error,
      }),
    );
  });
  worker.on('exit', (code) => {
    alive = false;
    settle()?.reject(
      new SpeechProviderError(provider, `espeak-ng worker stopped (exit code ${code})`),
    );
  });

  return {
    get alive() {
      return alive;
    },
    run(job) {
      return new Promise((resolve, reject) => {
        pending = { resolve, reject };
        worker.ref();
        worker.postMessage(job);
      });
    },
    async stop() {
      alive = false;
      await worker.terminate();
    },
  };
}

export interface EspeakWorkerPoolOptions {
  /** Provider name carried by the errors. */
  provider: string;
  /** Most worker threads (each runs one job at a time, each instance holds ~32 MB). */
  size: number;
}

/**
 * espeak-ng runs synchronously once instantiated: on the server's own thread one phrase stalled
 * every other request for as long as it spoke. Here it runs in worker threads, started on the
 * first job (an app configured for Google never starts one) and kept for the next.
 */
export function createEspeakWorkerPool({ provider, size }: EspeakWorkerPoolOptions) {
  const limit = createConcurrencyLimit(size);
  const threads = new Set<EspeakThread>();
  const idle: EspeakThread[] = [];

  function takeThread(): EspeakThread {
    let thread = idle.pop();
    while (thread && !thread.alive) {
      threads.delete(thread);
      thread = idle.pop();
    }
    if (thread) return thread;
    const started = startThread(provider);
    threads.add(started);
    return started;
  }

  function runOnThread(job: EspeakJob, signal: AbortSignal | undefined): Promise<Uint8Array> {
    signal?.throwIfAborted();
    const thread = takeThread();
    return new Promise<Uint8Array>((resolve, reject) => {
      // WASM cannot be interrupted from its own thread, but terminating the worker stops it at
      // once. That beats letting the abandoned phrase finish: the caller is freed now, its slot
      // goes to the next job now, and no core is spent on audio nobody will fetch. The cost is a
      // new thread for the next job, little next to a job itself, which instantiates espeak anew.
      const onAbort = () => {
        threads.delete(thread);
        void thread.stop();
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      thread.run(job).then(
        (reply) => {
          signal?.removeEventListener('abort', onAbort);
          if (thread.alive) idle.push(thread);
          if (reply.ok) resolve(reply.output);
          else if (reply.reason === 'not-installed') {
            const message = 'The espeak-ng package is not installed';
            reject(new SpeechProviderError(provider, message, { cause: reply.message }));
          } else reject(new SpeechProviderError(provider, `espeak-ng failed: ${reply.message}`));
        },
        (error: Error) => {
          signal?.removeEventListener('abort', onAbort);
          threads.delete(thread);
          reject(error);
        },
      );
    });
  }

  return {
    /** Runs one job; a waiting or running job whose signal fires rejects at once. */
    run(job: EspeakJob, signal?: AbortSignal): Promise<Uint8Array> {
      return limit(() => runOnThread(job, signal), signal);
    },

    /** Stops every thread; a running job fails. The pool stays usable: a new job starts anew. */
    async close(): Promise<void> {
      const stopping = [...threads].map((thread) => thread.stop());
      threads.clear();
      idle.length = 0;
      await Promise.all(stopping);
    },
  };
}

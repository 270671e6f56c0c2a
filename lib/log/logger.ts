import { AsyncLocalStorage } from 'node:async_hooks';
import pino from 'pino';

/**
 * The app's structured log: one JSON line per event on stdout, with the id of the request it
 * happened in (see `inRequest`), so every line of one request can be found from the id a client
 * or a proxy reports (`X-Request-Id`).
 */
const requestContext = new AsyncLocalStorage<{ requestId: string }>();

export const log = pino({
  base: { service: 'tingshuo' },
  level: process.env.LOG_LEVEL ?? 'info',
  timestamp: pino.stdTimeFunctions.isoTime,
  mixin: () => requestContext.getStore() ?? {},
});

/** Runs `work` with `requestId` attached to everything it logs, however deep. */
export function inRequest<T>(requestId: string, work: () => T): T {
  return requestContext.run({ requestId }, work);
}

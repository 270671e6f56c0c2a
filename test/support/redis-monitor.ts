import type { Redis } from 'ioredis';

const QUEUE_STATE_ERROR = /^Command queue state error/;

/**
 * A connection in MONITOR mode on `server`, resolved once it is monitoring. ioredis's own
 * `monitor()` marks its connection as monitoring a microtask after MONITOR's OK, so a command
 * another client sent meanwhile, read in the same chunk, is taken for a reply to nothing
 * ("Command queue state error"): `monitor()` rejects, a second such line is an unhandled error,
 * and the connection stays open so the test process never exits. Here those lines (commands
 * from before monitoring began, which no test looks for) are dropped instead.
 */
export async function startMonitor(server: Redis): Promise<Redis> {
  const monitor = server.duplicate({ monitor: true, lazyConnect: false });
  let monitoring = false;
  try {
    await new Promise<void>((resolve, reject) => {
      monitor.on('error', (error: Error) => {
        if (!monitoring && !QUEUE_STATE_ERROR.test(error.message)) reject(error);
      });
      monitor.once('monitoring', () => {
        monitoring = true;
        resolve();
      });
    });
  } catch (error) {
    monitor.disconnect();
    throw error;
  }
  return monitor;
}

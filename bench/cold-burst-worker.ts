import { burstContenders, coldBurst, type BurstContenderName } from './cold-burst';
import { warmUp } from './contenders';

/**
 * The second instance of the fleet in the stampede scenario: a separate process with its own
 * cache and connections, driven over IPC by stampede.ts.
 * argv: <contender> <redisUrl> <prefix>
 */
export interface BurstRequest {
  key: string;
  startAtEpochMs: number;
}

const [name, redisUrl, prefix] = process.argv.slice(2) as [BurstContenderName, string, string];
const contender = burstContenders[name]({ redisUrl, prefix });

process.on('message', (request: BurstRequest) => {
  void coldBurst(contender, request.key, request.startAtEpochMs).then((outcome) =>
    process.send?.(outcome),
  );
});
process.on('SIGTERM', () => {
  void contender.close().finally(() => process.exit(0));
});
await warmUp(contender);
process.send?.('ready');

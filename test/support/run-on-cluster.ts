// `npm run test:cache-cluster`: the lib/cache suite again, with every cache (and every test's own
// client) on a local 3-master Redis Cluster that this script starts and stops. The suite's
// topology, resilience and Sentinel tests start their own servers either way.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { startRedisCluster } from './redis-server';

const PORTS: [number, number, number] = [7140, 7141, 7142];

// Test files may be named on the command line; by default, the whole cache suite.
const named = process.argv.slice(2);
const files = named.length
  ? named
  : readdirSync('test/cache')
      .filter((name) => name.endsWith('.test.ts'))
      .sort()
      .map((name) => `test/cache/${name}`);
const cluster = await startRedisCluster(PORTS);
let exitCode = 1;
try {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-concurrency=1', '--test-reporter=spec', ...files],
    {
      stdio: 'inherit',
      env: {
        ...process.env,
        TEST_REDIS_CLUSTER: cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(','),
      },
    },
  );
  exitCode = await new Promise<number>((resolve) =>
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))),
  );
} finally {
  await cluster.stop();
}
process.exit(exitCode);

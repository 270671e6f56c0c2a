import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createSavingsLedger } from '@/lib/savings/ledger';
import { redisForTest } from '../support/redis';

let redis: Awaited<ReturnType<typeof redisForTest>>;

before(async () => {
  redis = await redisForTest('savings');
});

after(async () => {
  await redis?.cleanup();
});

test('a burst of cache hits is recorded in one Redis transaction, and every hit counts', async () => {
  // Counts the transactions the ledger sends to the real Redis (the client still executes them).
  let transactions = 0;
  const client = redis.client;
  const multi = client.multi.bind(client) as () => ReturnType<typeof client.multi>;
  Object.assign(client, {
    multi: () => {
      transactions += 1;
      return multi();
    },
  });
  const ledger = createSavingsLedger({ redis: client, prefix: redis.prefix });

  // 50 hits served at once, as under load (a route does not wait for the record).
  await Promise.all([
    ...Array.from({ length: 40 }, () => ledger.record('ttsCharacters', 3)),
    ...Array.from({ length: 10 }, () => ledger.record('aiTokens', 100)),
  ]);
  const written = transactions;

  assert.deepEqual(await ledger.totals(), { ttsCharacters: 120, aiTokens: 1000 });
  assert.equal(written, 1, 'one write for the whole burst, not one per hit');
});

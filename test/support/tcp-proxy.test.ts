import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import { SHARED_REDIS_URL } from './redis';
import { PASS, startTcpProxy, type TcpProxy } from './tcp-proxy';

/** The fault proxy itself, in front of the machine's Redis: each fault does what fault tests rely on. */
describe('tcp proxy faults', () => {
  let proxy: TcpProxy;
  let client: Redis;
  const target = new URL(SHARED_REDIS_URL);

  before(async () => {
    proxy = await startTcpProxy({ listenPort: 0, targetPort: Number(target.port || 6379) });
    client = new Redis({ port: proxy.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
    await client.ping();
  });
  after(async () => {
    client.disconnect();
    await proxy.close();
  });

  it('relays, and a delay holds each reply back without reordering', async () => {
    proxy.setFault({ kind: 'delay', ms: 150 });
    const started = Date.now();
    const replies = await Promise.all([client.echo('a'), client.echo('b')]);
    assert.deepEqual(replies, ['a', 'b']);
    assert.ok(Date.now() - started >= 140, 'the replies waited for the delay');
    proxy.setFault(PASS);
  });

  it('a stall holds bytes until the fault ends, then delivers them', async () => {
    proxy.setFault({ kind: 'stall' });
    let answered = false;
    const reply = client.echo('held').then((value) => {
      answered = true;
      return value;
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(answered, false);
    proxy.setFault(PASS);
    assert.equal(await reply, 'held');
  });

  it('a black hole swallows bytes for good; connections opened after it heals work', async () => {
    proxy.setFault({ kind: 'blackhole' });
    const lost = client.echo('gone');
    const outcome = await Promise.race([
      lost.then(
        () => 'answered',
        () => 'failed',
      ),
      new Promise((resolve) => setTimeout(() => resolve('silent'), 300)),
    ]);
    assert.equal(outcome, 'silent');
    proxy.setFault(PASS, 'new');
    assert.equal(proxy.connections()[0]?.fault().kind, 'blackhole', 'old connections stay dead');
    const fresh = new Redis({ port: proxy.port, host: '127.0.0.1', maxRetriesPerRequest: 0 });
    try {
      assert.equal(await fresh.echo('new'), 'new');
    } finally {
      fresh.disconnect();
    }
    client.disconnect();
    lost.catch(() => undefined);
  });
});

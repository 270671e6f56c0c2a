import { Redis } from 'ioredis';
import type { CacheOptions } from '@/lib/cache';
import { uniquePrefix } from '../support/redis';
import { subscriberClientPorts } from '../support/redis-subscribers';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { startTcpProxy, type Fault, type TcpProxy } from '../support/tcp-proxy';
import { testCache, type TestNamespace } from './fixtures';

/**
 * A private redis-server, a fault proxy in front of it, and a plain client beside it: instance
 * "a" reaches Redis through the proxy (so a test can slow, stall or black-hole it alone), the
 * others directly.
 */
export interface FaultRig {
  server: RedisServer;
  proxy: TcpProxy;
  raw: Redis;
  prefix: string;
  /** A cache through the proxy. */
  proxied(overrides?: Partial<CacheOptions<TestNamespace>>): ReturnType<typeof testCache>;
  /** A cache straight to the server. */
  direct(overrides?: Partial<CacheOptions<TestNamespace>>): ReturnType<typeof testCache>;
  /** Closes every cache this rig made (tests call it after each case, pass or fail). */
  closeCaches(): Promise<void>;
  /** Put `fault` on the proxied instance's command connections or on its bus subscriber only. */
  faultOn(which: 'commands' | 'subscriber', fault: Fault): Promise<void>;
  close(): Promise<void>;
}

export async function startFaultRig(port: number, serverArgs: string[] = []): Promise<FaultRig> {
  const server = await startRedisServer(port, serverArgs);
  const proxy = await startTcpProxy({ listenPort: 0, targetPort: port });
  const raw = new Redis(server.url, { retryStrategy: () => 100, maxRetriesPerRequest: 0 });
  raw.on('error', () => {});
  const prefix = uniquePrefix('fault');
  const caches: ReturnType<typeof testCache>[] = [];
  const base = (url: string, overrides: Partial<CacheOptions<TestNamespace>> = {}) => {
    const cache = testCache(prefix, {
      redis: { mode: 'standalone', url },
      commandTimeoutMs: 300,
      ...overrides,
    });
    caches.push(cache);
    return cache;
  };
  const closeCaches = async () => {
    proxy.setFault({ kind: 'pass' });
    await Promise.all(caches.splice(0).map((cache) => cache.close()));
  };
  return {
    server,
    proxy,
    raw,
    prefix,
    proxied: (overrides) => base(`redis://127.0.0.1:${proxy.port}`, overrides),
    direct: (overrides) => base(server.url, overrides),
    closeCaches,
    async faultOn(which, fault) {
      const subscriberPorts = await subscriberClientPorts(raw);
      for (const connection of proxy.connections()) {
        const isSubscriber = subscriberPorts.has(connection.upstreamPort() ?? -1);
        if (isSubscriber === (which === 'subscriber')) connection.setFault(fault);
      }
    },
    async close() {
      await closeCaches();
      raw.disconnect();
      await proxy.close();
      await server.stop();
    },
  };
}

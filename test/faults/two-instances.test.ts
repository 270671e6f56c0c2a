import { after, before, test } from 'node:test';
import { startRedisServer, type RedisServer } from '../support/redis-server';
import { FAULT_PORTS } from './fixtures';
import {
  assertHitOnTheOtherInstance,
  assertInvalidationReachesTheOther,
  assertOneSynthesisForAStampede,
  startFleet,
  type Fleet,
} from './fleet';

/** Two `next start` processes sharing one standalone Redis and one PostgreSQL act as one cache. */

let redis: RedisServer;
let fleet: Fleet;

before(async () => {
  redis = await startRedisServer(FAULT_PORTS.twoInstances.redis);
  fleet = await startFleet({
    ports: [FAULT_PORTS.twoInstances.appA, FAULT_PORTS.twoInstances.appB],
    redis: { redisUrl: redis.url },
  });
});

after(async () => {
  await fleet?.stop();
  await redis?.stop();
});

test('a phrase synthesised through one instance is a hit on the other', () =>
  assertHitOnTheOtherInstance(fleet, '两个实例共用缓存'));

test('an admin invalidation on one instance is seen at once on the other, its L1 included', () =>
  assertInvalidationReachesTheOther(fleet, '失效要马上生效'));

test('200 concurrent cold requests split across both instances call the synthesiser once', () =>
  assertOneSynthesisForAStampede(fleet, '二百个人同时点播放'));

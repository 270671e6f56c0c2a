import { after, before, test } from 'node:test';
import { startRedisCluster, type RedisClusterProcesses } from '../support/redis-server';
import { FAULT_PORTS } from './fixtures';
import {
  assertHitOnTheOtherInstance,
  assertInvalidationReachesTheOther,
  assertOneSynthesisForAStampede,
  startFleet,
  type Fleet,
} from './fleet';

/**
 * The same fleet on a local 3-master Redis Cluster (REDIS_MODE=cluster): entries, leases,
 * fenced writes, versions, the bus and stats spread over slots on different nodes, so anything
 * that assumed one node (a multi-key command across slots, a script touching two keys) fails here.
 */

let cluster: RedisClusterProcesses;
let fleet: Fleet;

before(async () => {
  cluster = await startRedisCluster(FAULT_PORTS.cluster);
  fleet = await startFleet({
    ports: [FAULT_PORTS.clusterApps.appA, FAULT_PORTS.clusterApps.appB],
    redis: {
      clusterNodes: cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(','),
    },
  });
});

after(async () => {
  await fleet?.stop();
  await cluster?.stop();
});

test('cluster: a phrase synthesised through one instance is a hit on the other', () =>
  assertHitOnTheOtherInstance(fleet, '集群也共用缓存'));

test('cluster: an admin invalidation on one instance is seen at once on the other', () =>
  assertInvalidationReachesTheOther(fleet, '集群里的失效'));

test('cluster: 100 concurrent cold requests across both instances call the synthesiser once', () =>
  assertOneSynthesisForAStampede(fleet, '集群上的踩踏', 100));

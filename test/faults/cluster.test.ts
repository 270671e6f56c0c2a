import { startRedisCluster } from '../support/redis-server';
import { FAULT_PORTS } from './fixtures';
import { testFleetActsAsOneCache } from './fleet';

/**
 * The same fleet on a local 3-master Redis Cluster (REDIS_MODE=cluster): entries, leases,
 * fenced writes, versions, the bus and stats spread over slots on different nodes, so anything
 * that assumed one node (a multi-key command across slots, a script touching two keys) fails here.
 */
testFleetActsAsOneCache({
  topology: 'cluster',
  ports: [FAULT_PORTS.clusterApps.appA, FAULT_PORTS.clusterApps.appB],
  startRedis: async () => {
    const cluster = await startRedisCluster(FAULT_PORTS.cluster);
    const clusterNodes = cluster.nodes.map(({ host, port }) => `${host}:${port}`).join(',');
    return { connection: { clusterNodes }, stop: () => cluster.stop() };
  },
  phrases: { hit: '集群也共用缓存', invalidation: '集群里的失效', stampede: '集群上的踩踏' },
  stampedeRequests: 100,
});

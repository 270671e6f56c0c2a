import { startRedisServer } from '../support/redis-server';
import { FAULT_PORTS } from './fixtures';
import { testFleetActsAsOneCache } from './fleet';

/** Two `next start` processes sharing one standalone Redis and one PostgreSQL act as one cache. */
testFleetActsAsOneCache({
  topology: 'standalone',
  ports: [FAULT_PORTS.twoInstances.appA, FAULT_PORTS.twoInstances.appB],
  startRedis: async () => {
    const redis = await startRedisServer(FAULT_PORTS.twoInstances.redis);
    return { connection: { redisUrl: redis.url }, stop: () => redis.stop() };
  },
  phrases: {
    hit: '两个实例共用缓存',
    invalidation: '失效要马上生效',
    stampede: '二百个人同时点播放',
  },
  stampedeRequests: 200,
});

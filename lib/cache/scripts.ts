import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-connection';

/**
 * Lua scripts, each touching ONE key (or keys in one hash slot) so they run unchanged on a cluster. Sent as EVALSHA; the
 * source only travels again after a NOSCRIPT (a restarted or failed-over Redis).
 */
export interface LuaScript {
  source: string;
  sha: string;
}

function lua(source: string): LuaScript {
  return { source, sha: createHash('sha1').update(source).digest('hex') };
}

/**
 * The fill fence. ARGV[1] is the prefix of the value the filler saw before its loader ran ('' if
 * none). Write only if the key still holds that value, or nothing at all (expired). A delete leaves
 * a tombstone and an expire/set rewrites the value with a new fence, so a fill that raced either
 * is refused here, atomically.
 */
export const fencedSet = lua(`
local current = redis.call('GET', KEYS[1])
if current then
  if ARGV[1] == '' or string.sub(current, 1, #ARGV[1]) ~= ARGV[1] then return 0 end
end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
return 1
`);

/** Release a lease (or drop a corrupt value) only if it is still exactly what we hold. */
export const compareAndDelete = lua(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`);

/**
 * Bump a namespace or tag counter inside the keyspace's generation. KEYS: the epoch, the counter
 * and, for a tag, its namespace's tag sequence (one hash slot). ARGV: a fresh epoch id, the caller's epoch, the caller's last known counter.
 * A missing epoch (Redis restarted empty, FLUSHALL, evicted) is created; a counter that went
 * backwards within the caller's generation (evicted on its own) would repeat numbers, so the
 * generation is replaced. Returns {epoch, counter}.
 */
export const bumpVersion = lua(`
local epoch = redis.call('GET', KEYS[1])
if not epoch then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
local counter = redis.call('INCR', KEYS[2])
if KEYS[3] then redis.call('INCR', KEYS[3]) end
if epoch == ARGV[2] and counter <= tonumber(ARGV[3]) then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
return {epoch, counter}
`);

/**
 * The keyspace generation. ARGV: a fresh epoch id, and the epoch the caller found stale ('' if
 * none). Creates the epoch if missing, replaces it if it still is the stale one; returns it.
 */
export const settleEpoch = lua(`
local epoch = redis.call('GET', KEYS[1])
if (not epoch) or epoch == ARGV[2] then
  epoch = ARGV[1]
  redis.call('SET', KEYS[1], epoch)
end
return epoch
`);

export async function runScript(
  client: RedisClient,
  script: LuaScript,
  keys: string | string[],
  args: (string | number)[],
): Promise<unknown> {
  const names = typeof keys === 'string' ? [keys] : keys;
  try {
    return await client.evalsha(script.sha, names.length, ...names, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, names.length, ...names, ...args);
  }
}

import { createHash } from 'node:crypto';
import type { RedisClient } from './redis-connection';

/**
 * Lua scripts, each touching ONE key so they run unchanged on a cluster. Sent as EVALSHA; the
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

export async function runScript(
  client: RedisClient,
  script: LuaScript,
  key: string,
  args: (string | number)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, 1, key, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return client.eval(script.source, 1, key, ...args);
  }
}

import { ENVELOPE_VERSION, type Envelope } from './envelope';
import { assertIdentifier } from './keys';
import { logicalKey } from './l1';
import { jittered } from './policy';
import type { CacheCore, Call, Schema } from './core';

/** Validate inputs and resolve the policy; synchronous so an L1 hit never waits on anything. */
export function prepareCall(
  core: CacheCore,
  options: { namespace: string; key: string; schema?: Schema; forceFresh?: boolean },
  tags: readonly string[] | undefined,
  overrides: { ttlMs?: number; graceMs?: number } = {},
): Call {
  const base = core.policyOf(options.namespace);
  assertIdentifier(options.key);
  if (tags) for (const tag of tags) assertIdentifier(tag, 'tag');
  const policy =
    overrides.ttlMs === undefined && overrides.graceMs === undefined
      ? base
      : {
          ...base,
          ttlMs: overrides.ttlMs ?? base.ttlMs,
          graceMs: overrides.graceMs ?? base.graceMs,
        };
  return {
    namespace: options.namespace,
    id: options.key,
    logical: logicalKey(options.namespace, options.key),
    policy,
    schema: options.schema as Schema,
    tags: tags ?? [],
    forceFresh: options.forceFresh ?? false,
    version: core.versions.namespace(options.namespace),
  };
}

/**
 * Only before the first version read has finished (startup, or Redis down since start). A
 * request waits at most one command timeout for it, then goes on without L2.
 */
export async function withVersion(core: CacheCore, call: Call): Promise<Call> {
  if (call.version !== undefined) return call;
  await core.initialVersions;
  return { ...call, version: core.versions.namespace(call.namespace) };
}

/** The tag versions an entry records, read BEFORE its value is produced. */
export async function tagVersionsFor(
  core: CacheCore,
  call: Call,
): Promise<Record<string, number> | undefined> {
  if (call.tags.length === 0) return undefined;
  // Redis unreachable: record impossible versions so the entry never outlives an unseen bump.
  return (
    (await core.versions.tags(call.namespace, call.tags)) ??
    Object.fromEntries(call.tags.map((tag) => [tag, -1]))
  );
}

export function newEnvelope(
  core: CacheCore,
  call: Call,
  value: unknown,
  negative: boolean,
  tags: Record<string, number> | undefined,
): Envelope {
  const now = Date.now();
  const ttl = jittered(
    negative ? call.policy.negativeTtlMs : call.policy.ttlMs,
    call.policy.jitter,
  );
  const freshUntil = now + ttl;
  return {
    f: core.newFence(),
    v: ENVELOPE_VERSION,
    value,
    createdAt: now,
    freshUntil,
    // Negative answers are cheap to recompute and likely to change: no grace for them.
    staleUntil: negative ? freshUntil : freshUntil + call.policy.graceMs,
    tags,
    neg: negative ? true : undefined,
  };
}

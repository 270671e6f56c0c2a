import { CacheConfigError } from './errors';
import type { NamespacePolicy, ResolvedPolicy } from './types';

/** Fill in defaults once at startup, and refuse policies that cannot work. */
export function resolvePolicy(namespace: string, policy: NamespacePolicy): ResolvedPolicy {
  const hardTimeoutMs = policy.hardTimeoutMs ?? 10_000;
  const resolved: ResolvedPolicy = {
    ttlMs: policy.ttlMs,
    graceMs: policy.graceMs ?? Math.round(policy.ttlMs * 0.1),
    jitter: policy.jitter ?? 0.1,
    lease: policy.lease ?? false,
    leaseMs: policy.leaseMs ?? hardTimeoutMs + 1000,
    leaseWaitMs: policy.leaseWaitMs ?? 2000,
    staleWhileRevalidate: policy.staleWhileRevalidate ?? true,
    softTimeoutMs: policy.softTimeoutMs ?? 1000,
    hardTimeoutMs,
    negativeTtlMs: policy.negativeTtlMs ?? Math.min(policy.ttlMs, 60_000),
  };
  const positive = ['ttlMs', 'hardTimeoutMs', 'leaseMs', 'softTimeoutMs', 'negativeTtlMs'] as const;
  for (const field of positive) {
    if (!(resolved[field] > 0)) throw new CacheConfigError(`${namespace}.${field} must be > 0`);
  }
  if (!(resolved.graceMs >= 0) || !(resolved.leaseWaitMs >= 0)) {
    throw new CacheConfigError(`${namespace}: graceMs and leaseWaitMs must be >= 0`);
  }
  if (!(resolved.jitter >= 0 && resolved.jitter <= 0.5)) {
    throw new CacheConfigError(`${namespace}.jitter must be between 0 and 0.5`);
  }
  return resolved;
}

/** Shave up to `jitter` of the TTL at random so a batch written together expires spread out. */
export function jittered(ttlMs: number, jitter: number): number {
  return Math.max(1, Math.round(ttlMs * (1 - jitter * Math.random())));
}

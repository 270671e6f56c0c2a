import type { Envelope } from './envelope';
import type { LocalEntry } from './l1';
import { UNKNOWN_VERSION, type CacheCore, type Call, type Outcome, type Schema } from './core';
import type { CacheResult, CacheTier } from './types';

/** A usable L1 entry (right versions, not past grace, valid for this schema), or undefined. */
export function checkLocal(
  core: CacheCore,
  call: Call,
  entry: LocalEntry,
): { parsed: unknown; fresh: boolean } | undefined {
  const now = Date.now();
  if (
    entry.namespaceVersion !== (call.version ?? UNKNOWN_VERSION) ||
    now >= entry.envelope.staleUntil ||
    core.versions.tagsCurrent(call.namespace, entry.envelope.tags) !== true
  ) {
    core.l1.delete(call.logical);
    return undefined;
  }
  if (entry.validatedBy !== call.schema) {
    const parsed = call.schema.safeParse(entry.envelope.value);
    if (!parsed.success) {
      core.stats.count(call.namespace, 'corrupt');
      core.l1.delete(call.logical);
      return undefined;
    }
    entry.validatedBy = call.schema;
    entry.parsed = parsed.data;
  }
  return { parsed: entry.parsed, fresh: now < entry.envelope.freshUntil };
}

export function remember(
  core: CacheCore,
  call: Call,
  envelope: Envelope,
  sizeBytes: number,
  parsed: unknown,
): LocalEntry {
  const entry: LocalEntry = {
    envelope,
    namespaceVersion: call.version ?? UNKNOWN_VERSION,
    sizeBytes,
    validatedBy: parsed === undefined ? undefined : call.schema,
    parsed,
  };
  core.l1.set(call.logical, entry, Date.now());
  return entry;
}

/** An L1 entry as a stale fallback for `schema`, or undefined if it does not validate. */
export function staleOutcomeOf(
  entry: LocalEntry,
  schema: Schema,
  tier: CacheTier,
): Outcome | undefined {
  let parsed = entry.parsed;
  if (entry.validatedBy !== schema) {
    const result = schema.safeParse(entry.envelope.value);
    if (!result.success) return undefined;
    parsed = result.data;
  }
  return { stored: entry.envelope.value, parsed, schema, status: 'stale', tier };
}

/** Joiners may pass another schema instance than the flight's starter: validate for theirs. */
export function present(outcome: Outcome, schema: Schema): CacheResult<unknown> {
  const value = outcome.schema === schema ? outcome.parsed : schema.parse(outcome.stored);
  return { value, status: outcome.status, tier: outcome.tier };
}

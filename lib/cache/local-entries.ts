import { encodedValue, type Envelope } from './envelope';
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
    const parsed = call.schema.safeParse(storedValue(entry));
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

/**
 * Keep an entry in L1. `encoded`: the envelope as written by this instance, whose `value` field
 * is then left unset and decoded from it when first needed.
 */
export function remember(
  core: CacheCore,
  call: Call,
  envelope: Envelope,
  sizeBytes: number,
  parsed: unknown,
  encoded?: string,
): void {
  // With L1 off (Redis-only), an L2 hit does not even build the entry.
  if (!core.l1.enabled) return;
  const entry: LocalEntry = {
    envelope,
    namespaceVersion: call.version ?? UNKNOWN_VERSION,
    sizeBytes,
    encoded,
    validatedBy: parsed === undefined ? undefined : call.schema,
    parsed,
  };
  core.l1.set(call.logical, entry, Date.now());
}

/** The entry's value as JSON gives it back, decoded from its encoded envelope the first time. */
function storedValue(entry: LocalEntry): unknown {
  if (entry.encoded !== undefined) {
    entry.envelope.value = encodedValue(entry.encoded);
    entry.encoded = undefined;
  }
  return entry.envelope.value;
}

/** An L1 entry as a stale fallback for `schema`, or undefined if it does not validate. */
export function staleOutcomeOf(
  entry: LocalEntry,
  schema: Schema,
  tier: CacheTier,
): Outcome | undefined {
  let parsed = entry.parsed;
  if (entry.validatedBy !== schema) {
    const result = schema.safeParse(storedValue(entry));
    if (!result.success) return undefined;
    parsed = result.data;
  }
  const { envelope, encoded } = entry;
  return { stored: envelope.value, encoded, parsed, schema, status: 'stale', tier };
}

/** Joiners may pass another schema instance than the flight's starter: validate for theirs. */
export function present(outcome: Outcome, schema: Schema): CacheResult<unknown> {
  const value =
    outcome.schema === schema
      ? outcome.parsed
      : schema.parse(
          outcome.encoded === undefined ? outcome.stored : encodedValue(outcome.encoded),
        );
  return { value, status: outcome.status, tier: outcome.tier };
}

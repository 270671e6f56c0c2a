import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { config, ConfigError, type AppConfig } from '@/lib/config';

let secret: Buffer | undefined;

/**
 * The key that signs cookies. Production must configure SESSION_SECRET (several instances must
 * agree on it); development generates one once and keeps it under DATA_DIR so learners stay
 * signed in across restarts with zero configuration.
 */
export function sessionSecret(): Buffer {
  secret ??= loadSecret();
  return secret;
}

/** Fails start-up, not the first request, when production has no SESSION_SECRET. */
export function assertSessionSecretConfigured(
  settings: Pick<AppConfig, 'SESSION_SECRET' | 'NODE_ENV'> = config(),
): void {
  if (!settings.SESSION_SECRET && settings.NODE_ENV === 'production') {
    throw new ConfigError(['SESSION_SECRET: required in production (at least 32 characters)']);
  }
}

function loadSecret(): Buffer {
  const { SESSION_SECRET, DATA_DIR } = config();
  assertSessionSecretConfigured();
  if (SESSION_SECRET) return Buffer.from(SESSION_SECRET, 'utf8');
  const file = path.resolve(DATA_DIR, 'session-secret');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
  } catch {
    const generated = randomBytes(32);
    mkdirSync(path.dirname(file), { recursive: true });
    // wx: if another process won the race, keep its secret rather than overwrite it.
    try {
      writeFileSync(file, generated.toString('hex'), { mode: 0o600, flag: 'wx' });
      return generated;
    } catch {
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'hex');
    }
  }
}

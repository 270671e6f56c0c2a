import { type AppConfig, config, ConfigError } from '@/lib/config';
import { secretsEqual } from '@/lib/security/secrets-equal';
import {
  isBelowCurrentCost,
  parseAdminPasswordHash,
  type ScryptHash,
  verifyAdminPassword,
} from './password-hash';

/** What an admin must present to log in: a configured long token, a password hash, or nothing yet. */
export type AdminCredential =
  { kind: 'token'; token: string } | { kind: 'password'; hash: ScryptHash } | { kind: 'none' };

export const ADMIN_SETUP_HELP =
  'Set ADMIN_TOKEN to a long random string (at least 24 characters, e.g. `openssl rand -base64 32`), ' +
  'or set ADMIN_PASSWORD_HASH to the output of `npm run admin:hash` (it reads the password from stdin), ' +
  'in .env.local or the environment, then restart the app.';

export function adminCredentialFromConfig(
  settings: Pick<AppConfig, 'ADMIN_TOKEN' | 'ADMIN_PASSWORD_HASH'>,
): AdminCredential {
  if (settings.ADMIN_PASSWORD_HASH) {
    const hash = parseAdminPasswordHash(settings.ADMIN_PASSWORD_HASH);
    if (!hash) {
      throw new ConfigError([
        'ADMIN_PASSWORD_HASH: expected the output of `npm run admin:hash` (scrypt:17:8:1:<salt>:<hash>)',
      ]);
    }
    return { kind: 'password', hash };
  }
  if (settings.ADMIN_TOKEN) return { kind: 'token', token: settings.ADMIN_TOKEN };
  return { kind: 'none' };
}

/**
 * Called by the app at start-up. Production must not run an admin area nobody can log in to, nor
 * one with a guessable default; development may start and the login page explains the setup.
 */
export function assertAdminConfigured(
  settings: Pick<AppConfig, 'ADMIN_TOKEN' | 'ADMIN_PASSWORD_HASH' | 'NODE_ENV'> = config(),
): void {
  const credential = adminCredentialFromConfig(settings);
  if (credential.kind === 'password' && isBelowCurrentCost(credential.hash)) {
    // The hash lives in configuration, which the app cannot rewrite: it still verifies, and the
    // operator is told once per start how to replace it.
    console.warn(
      `ADMIN_PASSWORD_HASH was made at scrypt N=2^${credential.hash.log2N}, below today's cost; ` +
        'it still works. Run `npm run admin:hash` and replace it to upgrade.',
    );
  }
  if (credential.kind === 'none' && settings.NODE_ENV === 'production') {
    throw new ConfigError([
      `ADMIN_TOKEN or ADMIN_PASSWORD_HASH: required in production. ${ADMIN_SETUP_HELP}`,
    ]);
  }
}

/** Constant-time check of what the admin typed against the configured credential. */
export async function verifyAdminSecret(
  credential: AdminCredential,
  secret: string,
): Promise<boolean> {
  switch (credential.kind) {
    case 'none':
      return false;
    case 'password':
      return verifyAdminPassword(secret, credential.hash);
    case 'token':
      return secretsEqual(secret, credential.token);
  }
}

import { assertAdminConfigured } from '@/lib/admin/credential';
import { ConfigError, parseConfig, type AppConfig } from '@/lib/config';
import { assertSessionSecretConfigured } from '@/lib/security/session-secret';

/**
 * The configuration, plus what production cannot run without (admin credential, cookie key).
 * A bad setting prints one line naming it and ends the process: the app runner calls this before
 * it touches the database, and `instrumentation.ts` before a plain `next start` serves anything.
 */
export function checkConfigOrExit(env: NodeJS.ProcessEnv): AppConfig {
  try {
    const settings = parseConfig(env);
    assertAdminConfigured(settings);
    assertSessionSecretConfigured(settings);
    return settings;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`Configuration error: ${error.issues.join('; ')}`);
    process.exit(1);
  }
}

import assert from 'node:assert/strict';
import { ConfigError, parseConfig } from '@/lib/config';

/** The issues `parseConfig` reports for `env`; fails the test when it accepts it. */
export function configIssuesOf(env: Record<string, string>): string[] {
  try {
    parseConfig(env);
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.issues;
  }
  assert.fail('expected a ConfigError');
}

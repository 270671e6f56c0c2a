import { createHmac } from 'node:crypto';
import { secretsEqual } from './secrets-equal';
import { sessionSecret } from './session-secret';

/** `value.signature`: tamper-evident, not secret. Values must not contain a dot. */
export function sign(value: string, key: Buffer = sessionSecret()): string {
  return `${value}.${mac(value, key)}`;
}

/** The value if the signature matches, otherwise null (never throws on hostile input). */
export function unsign(signed: string, key: Buffer = sessionSecret()): string | null {
  const dot = signed.lastIndexOf('.');
  if (dot <= 0) return null;
  const value = signed.slice(0, dot);
  return secretsEqual(signed.slice(dot + 1), mac(value, key)) ? value : null;
}

function mac(value: string, key: Buffer): string {
  return createHmac('sha256', key).update(value).digest('base64url');
}

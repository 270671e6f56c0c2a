/**
 * Prints an ADMIN_PASSWORD_HASH for a password read from stdin (never from argv, which would land
 * in shell history and `ps`). Interactive: `npm run admin:hash`; piped: `printf %s "$PW" | npm run -s admin:hash`.
 */
import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { hashAdminPassword } from '@/lib/admin/password-hash';

const MIN_LENGTH = 12;

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks)
      .toString('utf8')
      .replace(/\r?\n$/, '');
  }
  process.stderr.write('Admin password (not shown): ');
  // Echo goes to a sink, so the password never appears on screen.
  const silent = new Writable({ write: (_chunk, _encoding, done) => done() });
  const prompt = createInterface({ input: process.stdin, output: silent, terminal: true });
  const answer = await prompt.question('');
  prompt.close();
  process.stderr.write('\n');
  return answer;
}

const password = await readPassword();
if (password.length < MIN_LENGTH) {
  process.stderr.write(`The password must be at least ${MIN_LENGTH} characters.\n`);
  process.exit(1);
}
process.stdout.write(`${await hashAdminPassword(password)}\n`);
process.stderr.write(
  'Put it in .env.local as ADMIN_PASSWORD_HASH=<the line above>, then restart.\n',
);

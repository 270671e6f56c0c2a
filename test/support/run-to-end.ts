import { spawn, type SpawnOptions } from 'node:child_process';

export interface FinishedProcess {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to its end and returns its exit code and all it wrote. It settles on 'close',
 * not 'exit': a child can exit while its last output still sits in the pipe, and a test that read
 * stdout/stderr on 'exit' would judge a truncated message. 'close' waits until both are drained.
 */
export function runToEnd(
  command: string,
  args: string[],
  options: SpawnOptions = {},
): Promise<FinishedProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk) => (stdout += chunk));
    child.stderr?.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

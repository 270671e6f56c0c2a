import type { Redis } from 'ioredis';

/** Client ports of the server's pub/sub connections (CLIENT LIST shows `sub=1`). */
export async function subscriberClientPorts(raw: Redis): Promise<Set<number>> {
  const list = (await raw.call('CLIENT', 'LIST')) as string;
  const ports = new Set<number>();
  for (const line of list.split('\n')) {
    if (!/\bsub=[1-9]/.test(line)) continue;
    const port = /\baddr=[^ ]*:(\d+)/.exec(line)?.[1];
    if (port) ports.add(Number(port));
  }
  return ports;
}

import { createServer, Socket, type AddressInfo, type Server } from 'node:net';

/**
 * A loopback TCP relay between the app and a real server (Redis or PostgreSQL), so a test can
 * make that server misbehave for the app alone without touching the machine's shared service.
 *
 * Faults act on bytes, per connection, in both directions:
 * - `pass`: relayed at once;
 * - `delay`: each chunk relayed `ms` after it arrived, order kept (a slow link);
 * - `stall`: held, then relayed in order when the fault changes (a paused peer: TCP buffers keep
 *   the bytes);
 * - `blackhole`: discarded, and a close from the far side is not passed on either (a NAT that
 *   lost its state, a failover to another address: the peer never answers, never resets).
 */
export type Fault =
  { kind: 'pass' } | { kind: 'delay'; ms: number } | { kind: 'stall' } | { kind: 'blackhole' };

export const PASS: Fault = { kind: 'pass' };

/** Which connections a fault applies to: the live ones, the ones accepted from now on, or both. */
export type FaultScope = 'all' | 'existing' | 'new';

export interface ProxiedConnection {
  readonly id: number;
  fault(): Fault;
  setFault(fault: Fault): void;
  /** The local port of the relay's socket to the server: what the server lists as the client's address. */
  upstreamPort(): number | undefined;
  /** Resets both sides: each peer sees its socket closed. */
  destroy(): void;
}

export interface TcpProxy {
  port: number;
  /** Live relayed connections, oldest first. */
  connections(): ProxiedConnection[];
  setFault(fault: Fault, scope?: FaultScope): void;
  /** Destroys every relayed connection and refuses new ones (connection refused). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

interface Pending {
  chunk: Buffer;
  due: number;
}

/** One direction of one connection: a queue that applies the connection's current fault. */
class Channel {
  private readonly queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly to: Socket,
    private readonly fault: () => Fault,
  ) {}

  push(chunk: Buffer): void {
    const fault = this.fault();
    if (fault.kind === 'blackhole') return;
    const due = fault.kind === 'delay' ? Date.now() + fault.ms : 0;
    this.queue.push({ chunk, due });
    this.pump();
  }

  /** Relays what the current fault lets through, and schedules the rest. */
  pump(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const fault = this.fault();
    if (fault.kind === 'stall') return;
    if (fault.kind === 'blackhole') {
      this.queue.length = 0;
      return;
    }
    const now = Date.now();
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (fault.kind === 'delay' && next.due > now) {
        this.timer = setTimeout(() => this.pump(), next.due - now);
        return;
      }
      this.queue.shift();
      if (!this.to.destroyed) this.to.write(next.chunk);
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.queue.length = 0;
  }
}

export async function startTcpProxy(options: {
  listenPort: number;
  targetHost?: string;
  targetPort: number;
}): Promise<TcpProxy> {
  const { targetHost = '127.0.0.1', targetPort } = options;
  let listenPort = options.listenPort;
  const live = new Map<number, ProxiedConnection>();
  let server: Server | undefined;
  let nextId = 1;
  let faultForNew: Fault = PASS;

  const relay = (client: Socket) => {
    const id = nextId++;
    let fault = faultForNew;
    const upstream = new Socket();
    const toUpstream = new Channel(upstream, () => fault);
    const toClient = new Channel(client, () => fault);
    const destroy = () => {
      live.delete(id);
      toUpstream.stop();
      toClient.stop();
      client.destroy();
      upstream.destroy();
    };
    // A black-holed peer never tells the other side it went away.
    const farSideClosed = () => {
      if (fault.kind !== 'blackhole') destroy();
    };
    for (const socket of [client, upstream]) {
      socket.setNoDelay(true);
      socket.on('error', farSideClosed);
      socket.on('close', farSideClosed);
    }
    client.on('data', (chunk: Buffer) => toUpstream.push(chunk));
    upstream.on('data', (chunk: Buffer) => toClient.push(chunk));
    upstream.connect(targetPort, targetHost);
    live.set(id, {
      id,
      fault: () => fault,
      upstreamPort: () => upstream.localPort,
      setFault: (next) => {
        fault = next;
        toUpstream.pump();
        toClient.pump();
      },
      destroy,
    });
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const listener = createServer(relay);
      listener.once('error', reject);
      listener.listen(listenPort, '127.0.0.1', () => {
        server = listener;
        // Port 0 picks a free port once; a restore listens on that same port again.
        listenPort = (listener.address() as AddressInfo).port;
        resolve();
      });
    });

  const stopListening = async () => {
    const current = server;
    server = undefined;
    for (const connection of [...live.values()]) connection.destroy();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    port: listenPort,
    connections: () => [...live.values()],
    setFault: (fault, scope = 'all') => {
      if (scope !== 'existing') faultForNew = fault;
      if (scope !== 'new') for (const connection of live.values()) connection.setFault(fault);
    },
    cut: stopListening,
    restore: async () => {
      if (!server) await listen();
    },
    close: async () => {
      faultForNew = PASS;
      await stopListening();
    },
  };
}

import { createServer, Socket, type Server } from 'node:net';

/**
 * A loopback TCP relay between the app and a real server (PostgreSQL here), so a test can make
 * that server "go away" for the app alone without stopping the machine's shared service.
 */
export interface TcpProxy {
  port: number;
  /** Destroys every relayed connection and refuses new ones (connection refused). */
  cut(): Promise<void>;
  /** Listens again on the same port. */
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(options: {
  listenPort: number;
  targetHost?: string;
  targetPort: number;
}): Promise<TcpProxy> {
  const { listenPort, targetHost = '127.0.0.1', targetPort } = options;
  const sockets = new Set<Socket>();
  let server: Server | undefined;

  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const relay = createServer((client) => {
        const upstream = new Socket();
        track(client);
        track(upstream);
        upstream.connect(targetPort, targetHost);
        client.pipe(upstream);
        upstream.pipe(client);
        client.on('close', () => upstream.destroy());
        upstream.on('close', () => client.destroy());
      });
      relay.once('error', reject);
      relay.listen(listenPort, '127.0.0.1', () => {
        server = relay;
        resolve();
      });
    });

  const stopListening = async () => {
    const current = server;
    server = undefined;
    for (const socket of sockets) socket.destroy();
    sockets.clear();
    if (current) await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await listen();
  return {
    port: listenPort,
    cut: stopListening,
    restore: async () => {
      if (!server) await listen();
    },
    close: stopListening,
  };
}

import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { withConnectionLimit } from './connection-url';

export type EmbeddedDatabase = {
  /** A postgresql:// URL for the server, limited to one pooled connection per client. */
  url: string;
  stop(): Promise<void>;
};

export type EmbeddedDatabaseOptions = {
  /** Folder holding the data (created if missing); in memory when absent. */
  dataDir?: string;
  /** Loopback port to serve on; 0 picks a free one. */
  port: number;
};

const HOST = '127.0.0.1';

// pglite-socket accepts several connections but runs their protocol messages one at a time
// on PGlite's single session, keeping a connection exclusive only inside an explicit
// transaction. Two pooled connections of one client could still interleave the Parse/Bind/
// Execute messages of concurrent queries, so every client is told (through the URL) to pool
// one connection; the server admits a few so that separate processes (the app runner, the
// Next.js server, a psql session) can each have theirs.
const MAX_CLIENT_CONNECTIONS = 16;

export class EmbeddedPortInUseError extends Error {
  constructor(readonly port: number) {
    super(
      `EMBEDDED_DB_PORT: port ${port} on ${HOST} is already in use (is another Tingshuo running?); ` +
        'expected a free port, or set DATABASE_URL to use a PostgreSQL server',
    );
    this.name = 'EmbeddedPortInUseError';
  }
}

// PGlite must not open a data folder that another process is serving, so the port (which
// that process would hold) is checked before the folder is touched.
function assertPortFree(port: number): Promise<void> {
  if (port === 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', () => reject(new EmbeddedPortInUseError(port)));
    probe.listen(port, HOST, () => probe.close(() => resolve()));
  });
}

/** Starts PGlite (Postgres in WASM) and serves it over the Postgres protocol on loopback. */
export async function startEmbeddedDatabase({
  dataDir,
  port,
}: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  await assertPortFree(port);
  if (dataDir) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create(dataDir);
  const server = new PGLiteSocketServer({
    db,
    host: HOST,
    port,
    maxConnections: MAX_CLIENT_CONNECTIONS,
  });
  try {
    await server.start();
  } catch (error) {
    await db.close();
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new EmbeddedPortInUseError(port)
      : error;
  }
  const listeningPort = Number(server.getServerConn().split(':').pop());
  let stopped: Promise<void> | undefined;
  return {
    url: withConnectionLimit(`postgresql://postgres:postgres@${HOST}:${listeningPort}/postgres`, 1),
    stop() {
      stopped ??= server.stop().then(() => db.close());
      return stopped;
    },
  };
}

// Prisma's `connection_limit` URL parameter (kept from the Prisma versions that pooled
// connections themselves) is how a URL tells our clients how many connections to pool: the
// embedded PGlite server needs exactly one per client, a real PostgreSQL server does not.
const CONNECTION_LIMIT = 'connection_limit';

export function withConnectionLimit(url: string, limit: number): string {
  const parsed = new URL(url);
  parsed.searchParams.set(CONNECTION_LIMIT, String(limit));
  return parsed.toString();
}

/** The URL without the parameter (`pg` does not know it) and the limit it asked for. */
export function splitConnectionLimit(url: string): {
  connectionString: string;
  max: number | undefined;
} {
  const parsed = new URL(url);
  const limit = parsed.searchParams.get(CONNECTION_LIMIT);
  parsed.searchParams.delete(CONNECTION_LIMIT);
  const max = limit === null ? undefined : Number.parseInt(limit, 10);
  return {
    connectionString: parsed.toString(),
    max: max !== undefined && Number.isInteger(max) && max > 0 ? max : undefined,
  };
}

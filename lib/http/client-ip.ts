import { isIP } from 'node:net';
import { config } from '@/lib/config';

/** The longest text form of one IPv6 address (IPv4-mapped); anything longer is not an address. */
const MAX_ADDRESS_LENGTH = 45;

/**
 * The address to rate-limit a request by, given how many reverse proxies in front of the app
 * append to `X-Forwarded-For`. Each appends the address it was connected from, so with N such
 * proxies the client is the N-th entry from the right; entries further left were sent by the
 * client and are ignored. Fewer entries than N: the request came through fewer proxies (e.g.
 * straight to the load balancer), and the leftmost entry is the closest to the client we have.
 *
 * 0 means no proxy appends to `X-Forwarded-For`, so it is not read at all: only an `X-Real-IP`
 * a proxy overwrites (nginx `proxy_set_header X-Real-IP $remote_addr`) is used. Next.js writes
 * the socket address into `X-Forwarded-For` only when the header is absent, so with no proxy a
 * client-sent header cannot be told apart from Next's own; 1 (the default) at least gives every
 * client that sends none its own address.
 *
 * The result becomes part of a Redis key: anything that is not one IPv4/IPv6 address is
 * 'unknown', so a client cannot grow keys or split its budget with made-up values.
 */
export function clientIp(request: { headers: Headers }, trustedProxyHops: number): string {
  const forwarded = trustedProxyHops > 0 ? forwardedFor(request) : [];
  const candidate =
    forwarded.length > 0
      ? forwarded[Math.max(0, forwarded.length - trustedProxyHops)]
      : request.headers.get('x-real-ip')?.trim();
  return addressOnly(candidate) ?? 'unknown';
}

/** `clientIp` with this deployment's TRUSTED_PROXY_HOPS: what the route handlers limit by. */
export function requestClientIp(request: { headers: Headers }): string {
  return clientIp(request, config().TRUSTED_PROXY_HOPS);
}

function forwardedFor(request: { headers: Headers }): string[] {
  const header = request.headers.get('x-forwarded-for') ?? '';
  return header
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** Some proxies (Azure's) append `ip:port` or `[ipv6]:port`; the port differs per connection. */
function addressOnly(entry: string | undefined): string | undefined {
  const bare = entry?.replace(/^\[([^\]]*)\](?::\d+)?$|^([\d.]+):\d+$/, '$1$2');
  return bare && bare.length <= MAX_ADDRESS_LENGTH && isIP(bare) ? bare : undefined;
}

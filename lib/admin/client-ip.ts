/**
 * The address to rate-limit logins by. The last `X-Forwarded-For` hop is the one written by the
 * nearest proxy (or by Next.js itself from the socket when no proxy set the header), so it is the
 * hardest for a client to choose.
 */
export function clientIp(request: Request): string {
  const forwarded = request.headers.get('x-forwarded-for');
  const last = forwarded?.split(',').at(-1)?.trim();
  return last || request.headers.get('x-real-ip')?.trim() || 'unknown';
}

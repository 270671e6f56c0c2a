import { errorResponse } from './errors';

type ImplementedMethod = 'GET' | 'POST';
type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'OPTIONS';
type Handler = () => Response;

/**
 * Handlers for the methods a route does not implement. Next.js answers those with an empty 405
 * and no Allow header; clients of this API get the same JSON error shape as for any other refusal
 * and are told what would work. OPTIONS is included because Next's own OPTIONS would list these
 * refusing handlers as allowed.
 *
 * In a route file: `export const { PUT, PATCH, DELETE, OPTIONS, ... } = otherMethods('POST');`
 */
export function otherMethods(...implemented: ImplementedMethod[]): Record<Method, Handler> {
  const allowed = [...implemented, ...(implemented.includes('GET') ? ['HEAD'] : []), 'OPTIONS'];
  const allow = allowed.join(', ');
  const refuse: Handler = () =>
    errorResponse(405, 'method_not_allowed', `This endpoint accepts ${allow}.`, {
      headers: { Allow: allow },
    });
  return {
    GET: refuse,
    HEAD: () => new Response(null, { status: 405, headers: { Allow: allow } }),
    POST: refuse,
    PUT: refuse,
    PATCH: refuse,
    DELETE: refuse,
    OPTIONS: () => new Response(null, { status: 204, headers: { Allow: allow } }),
  };
}

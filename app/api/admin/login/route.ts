import { appAdmin } from '@/lib/server/admin';
import { otherMethods } from '@/lib/http/other-methods';

export function POST(request: Request): Promise<Response> {
  return appAdmin().handlers.login(request);
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');

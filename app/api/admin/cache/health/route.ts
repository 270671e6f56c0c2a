import { appAdmin } from '@/lib/server/admin';
import { otherMethods } from '@/lib/http/other-methods';

export function GET(request: Request): Promise<Response> {
  return appAdmin().handlers.health(request);
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

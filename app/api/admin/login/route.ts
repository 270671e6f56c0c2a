import { appAdmin } from '@/lib/server/admin';
import { otherMethods } from '@/lib/http/other-methods';
import { withErrorResponses } from '@/lib/http/route-errors';

export const POST = withErrorResponses((request: Request) => appAdmin().handlers.login(request));

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods('POST');

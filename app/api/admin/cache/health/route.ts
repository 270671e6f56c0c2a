import { appAdmin } from '@/lib/server/admin';
import { otherMethods } from '@/lib/http/other-methods';
import { withErrorResponses } from '@/lib/http/route-errors';

export const GET = withErrorResponses((request: Request) => appAdmin().handlers.health(request));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

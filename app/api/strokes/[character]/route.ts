import { z } from 'zod';
import { errorResponse } from '@/lib/http/errors';
import { otherMethods } from '@/lib/http/other-methods';
import { withErrorResponses } from '@/lib/http/route-errors';
import { SINGLE_HAN_CHARACTER, strokeData } from '@/lib/strokes/stroke-data';

const characterParam = z.string().regex(SINGLE_HAN_CHARACTER, 'expected one Chinese character');

/** One character's stroke-order data for hanzi-writer, served by the app (no CDN); immutable. */
export const GET = withErrorResponses(
  async (_request: Request, { params }: { params: Promise<{ character: string }> }) => {
    const parsed = characterParam.safeParse(decodeURIComponent((await params).character));
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? 'invalid character';
      return errorResponse(400, 'invalid_character', message, { field: 'character' });
    }
    const data = await strokeData(parsed.data);
    if (data === undefined) {
      const message = `No stroke data for ${parsed.data}`;
      return errorResponse(404, 'unknown_character', message, { field: 'character' });
    }
    return new Response(data, {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        // The data changes only with the package version, which changes the deployment.
        'cache-control': 'public, max-age=31536000, immutable',
      },
    });
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

import { handleAudioGet } from '@/lib/tts/http/audio-handlers';
import { appAudioStorage } from '@/lib/server/speech';
import { withErrorResponses } from '@/lib/http/route-errors';
import { otherMethods } from '@/lib/http/other-methods';

/** The audio behind a `/api/tts` URL: immutable, with ETag and byte-range support. */
export const GET = withErrorResponses(
  async (request: Request, { params }: { params: Promise<{ file: string }> }) => {
    const { file } = await params;
    return handleAudioGet(appAudioStorage(), request, file);
  },
);

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods('GET');

import type { Envelope } from './envelope';

/**
 * What one L2 read found. `fence` is the fence token L2 held ('' for nothing): what a later fill must
 * still find there.
 */
export type RemoteRead =
  | { kind: 'unavailable' }
  | { kind: 'none'; fence: string }
  | {
      kind: 'entry';
      fence: string;
      envelope: Envelope;
      parsed: unknown;
      sizeBytes: number;
      fresh: boolean;
    };

import { z } from 'zod';
import { unavailable, type RedisStore } from './l2';
import { isCluster, type RedisClient } from './redis-connection';

/** Invalidations only, never values: a message tells other instances what to forget. */
const messageSchema = z.discriminatedUnion('t', [
  z.object({ i: z.string(), t: z.literal('key'), ns: z.string(), key: z.string() }),
  z.object({ i: z.string(), t: z.literal('ns'), ns: z.string(), ver: z.number() }),
  z.object({
    i: z.string(),
    t: z.literal('tag'),
    ns: z.string(),
    tag: z.string(),
    ver: z.number(),
  }),
]);

export type BusMessage = z.infer<typeof messageSchema>;
export type BusPayload = BusMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'i'>
    : never
  : never;

export interface BusHandlers {
  onMessage(message: BusMessage): void;
  /** The subscriber was disconnected: messages may have been lost meanwhile. */
  onReconnect(): void;
}

/**
 * Pub/sub between instances sharing a prefix. Runs on its own connection (a subscribed
 * connection can do nothing else); our own messages are skipped because we applied them
 * locally before publishing.
 */
export class InvalidationBus {
  private readonly subscriber: RedisClient;
  private everReady = false;

  constructor(
    private readonly store: RedisStore,
    private readonly channel: string,
    private readonly instanceId: string,
    handlers: BusHandlers,
  ) {
    const client = store.client;
    // Subscribing is the only thing this connection does, so queueing it until connected is safe.
    this.subscriber = isCluster(client)
      ? client.duplicate(undefined, { enableOfflineQueue: true })
      : client.duplicate({ enableOfflineQueue: true, lazyConnect: false });
    this.subscriber.on('error', () => {});
    this.subscriber.on('ready', () => {
      if (this.everReady) handlers.onReconnect();
      this.everReady = true;
    });
    this.subscriber.on('message', (channel: string, raw: string) => {
      if (channel !== this.channel) return;
      const message = parseMessage(raw);
      if (message && message.i !== this.instanceId) handlers.onMessage(message);
    });
    this.subscriber.subscribe(this.channel).catch(() => {});
  }

  /** Best effort: a lost message is covered by the L1 safety TTL and the version refresh. */
  async publish(payload: BusPayload): Promise<boolean> {
    const message = JSON.stringify({ i: this.instanceId, ...payload });
    const sent = await this.store.run((client) => client.publish(this.channel, message));
    return sent !== unavailable;
  }

  close(): void {
    this.subscriber.disconnect();
  }
}

function parseMessage(raw: string): BusMessage | undefined {
  try {
    const parsed = messageSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

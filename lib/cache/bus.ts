import { z } from 'zod';
import { unavailable, type RedisStore } from './l2';
import { isCluster, type RedisClient } from './redis-connection';

/**
 * Invalidations only, never values: a message tells other instances what to forget. Versions
 * carry their generation (`ep`); `hb` is a heartbeat, proof that the subscription still works.
 */
const messageSchema = z.discriminatedUnion('t', [
  z.object({ i: z.string(), t: z.literal('key'), ns: z.string(), key: z.string() }),
  z.object({ i: z.string(), t: z.literal('ns'), ns: z.string(), ver: z.number(), ep: z.string() }),
  z.object({
    i: z.string(),
    t: z.literal('tag'),
    ns: z.string(),
    tag: z.string(),
    ver: z.number(),
    ep: z.string(),
  }),
  z.object({ i: z.string(), t: z.literal('hb') }),
]);

export type BusMessage = z.infer<typeof messageSchema>;
export type BusPayload = BusMessage extends infer M
  ? M extends unknown
    ? Omit<M, 'i'>
    : never
  : never;

export interface BusHandlers {
  onMessage(message: BusMessage): void;
  /** The subscriber was disconnected, or its heartbeat was late: messages may have been lost. */
  onReconnect(): void;
  /** Nothing heard for `deadAfterMs`: invalidations may be getting lost right now. */
  onDead(): void;
}

export interface BusTiming {
  /** How often each instance publishes a heartbeat. Default 1 s. */
  heartbeatMs?: number;
  /** The bus counts as down when nothing (not even our own heartbeat) arrived for this long. Default 3 s. */
  deadAfterMs?: number;
}

/**
 * Pub/sub between instances sharing a prefix. Runs on its own connection (a subscribed
 * connection can do nothing else); our own messages are skipped because we applied them
 * locally before publishing, but our own heartbeats count: hearing them proves the subscription
 * delivers, so a silently dead subscriber (a half-open TCP connection, a NAT that forgot it) is
 * noticed within `deadAfterMs`.
 */
export class InvalidationBus {
  private readonly subscriber: RedisClient;
  private everReady = false;
  private lastHeard = Date.now();
  private alive = true;
  private readonly heartbeat: NodeJS.Timeout;
  readonly deadAfterMs: number;

  constructor(
    private readonly store: RedisStore,
    private readonly channel: string,
    private readonly instanceId: string,
    private readonly handlers: BusHandlers,
    timing: BusTiming = {},
  ) {
    this.deadAfterMs = timing.deadAfterMs ?? 3000;
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
      if (!message) return;
      this.heard();
      if (message.i !== this.instanceId && message.t !== 'hb') handlers.onMessage(message);
    });
    this.subscriber.subscribe(this.channel).catch(() => {});
    this.heartbeat = setInterval(() => this.beat(), timing.heartbeatMs ?? 1000);
    this.heartbeat.unref();
  }

  /** Whether a message (ours or anyone's) arrived within `deadAfterMs`. */
  get live(): boolean {
    return this.alive;
  }

  private beat(): void {
    void this.publish({ t: 'hb' });
    if (this.alive && Date.now() - this.lastHeard > this.deadAfterMs) {
      this.alive = false;
      this.handlers.onDead();
    }
  }

  private heard(): void {
    this.lastHeard = Date.now();
    if (this.alive) return;
    // Back after a silence: whatever was published meanwhile is lost.
    this.alive = true;
    this.handlers.onReconnect();
  }

  /** Best effort: a lost message is noticed by the heartbeat (see README, Guarantees). */
  async publish(payload: BusPayload): Promise<boolean> {
    const message = JSON.stringify({ i: this.instanceId, ...payload });
    const sent = await this.store.run((client) => client.publish(this.channel, message));
    return sent !== unavailable;
  }

  close(): void {
    clearInterval(this.heartbeat);
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

import { z } from 'zod';
import type { Cache, CacheStatus } from '@/lib/cache';
import type { PrismaClient } from '@/lib/db/generated/client';
import { ChatRequestError, conversationNotFound } from './chat-errors';
import { chatMessageSchema } from './chat-request';
import { findTutorLesson } from './lesson-context';
import { buildPromptMessages, HISTORY_WINDOW } from './prompt';
import type { ChatMessage, TutorLesson, TutorProvider } from './provider';
import { replyFailure, TutorProviderError } from './provider-error';
import { ReplyBroadcast } from './reply-broadcast';
import { replyCacheKey } from './reply-cache-key';

/** The part of the app cache the tutor uses; any `Cache` with an `ai` namespace fits. */
export type ReplyCache = Pick<Cache<'ai'>, 'getOrSet'>;

export interface TutorServiceOptions {
  cache: ReplyCache;
  db: PrismaClient;
  provider: TutorProvider;
  /** The model asked for, and recorded on assistant messages. */
  model: string;
  /** Called with each reply served without a provider call (cache hit or shared in-flight reply). */
  onReplyReused?: (reply: string) => void;
}

export interface ChatInput {
  learnerId: string;
  message: string;
  conversationId?: string;
  /** A lesson's numeric id or slug; only when starting a conversation. */
  lessonId?: string | number;
}

export interface ChatReply {
  conversationId: string;
  /** hit/stale: served from the `ai` cache or from an identical question being answered now. */
  cache: CacheStatus;
  /** The reply as text pieces; it ends once the assistant message is stored. */
  stream: AsyncIterable<string>;
}

export interface ConversationView {
  id: string;
  lessonId: number | null;
  createdAt: Date;
  messages: {
    id: string;
    role: 'user' | 'assistant';
    content: string;
    cached: boolean;
    createdAt: Date;
  }[];
}

export interface TutorService {
  chat(input: ChatInput): Promise<ChatReply>;
  /** One of the learner's own conversations; anyone else's is "not found". */
  conversation(learnerId: string, conversationId: string): Promise<ConversationView>;
}

const replySchema = z.string();

/**
 * A message's time: now, or just after the one said before it. A conversation is read in
 * `createdAt` order (milliseconds), and a reply from the cache can be stored within the
 * millisecond of its question: a tie would be broken by the random id, swapping the two.
 */
const after = (previous: Date | undefined) =>
  new Date(Math.max(Date.now(), (previous?.getTime() ?? 0) + 1));

/** A reply being answered in this process, and whether this process called the provider for it. */
interface ReplyInFlight {
  broadcast: ReplyBroadcast;
  status: Promise<CacheStatus>;
}

/**
 * The tutor's use cases: answer a learner's message inside their own conversation, with replies
 * cached by question-in-context so the same question costs one model call.
 */
export function createTutorService(options: TutorServiceOptions): TutorService {
  const { cache, db, provider, model, onReplyReused } = options;
  /** Replies being generated in this process, by cache key. */
  const inFlight = new Map<string, ReplyInFlight>();

  async function chat(input: ChatInput): Promise<ChatReply> {
    const parsed = chatMessageSchema.safeParse(input.message);
    if (!parsed.success) {
      const reason = parsed.error.issues[0]?.message ?? 'invalid';
      throw new ChatRequestError(400, 'invalid_field', `message: ${reason}`, 'message');
    }
    const message = parsed.data;

    const { conversationId, lesson } = await openConversation(input);
    const { earlier, lastAt } = await recentHistory(conversationId);
    const asked = await db.message.create({
      data: { conversationId, role: 'user', content: message, createdAt: after(lastAt) },
      select: { createdAt: true },
    });
    const history: ChatMessage[] = [...earlier, { role: 'user', content: message }];
    const key = replyCacheKey({
      provider: provider.name,
      model,
      lessonId: lesson ? lesson.dbId : null,
      recentHistory: history,
    });

    const joining = inFlight.get(key);
    const reply = joining ?? startReply(key, lesson, history);
    // Only the request whose loader called the provider is a miss; everyone else reuses it.
    const status: CacheStatus = joining ? 'hit' : await reply.status;
    const reused = status !== 'miss';
    const stored = reply.broadcast.done.then(async (text) => {
      await storeAssistant(conversationId, text, reused, asked.createdAt);
      if (reused) onReplyReused?.(text);
    });
    // The learner may close the page mid-reply: the reply is still stored, silently.
    stored.catch(() => {});
    return {
      conversationId,
      cache: status,
      stream: (async function* () {
        yield* reply.broadcast.subscribe();
        await stored;
      })(),
    };
  }

  /**
   * Asks the `ai` cache for the reply, leased fleet-wide so one instance calls the provider.
   * That instance's loader streams the provider to the broadcast as pieces arrive and resolves
   * with the whole reply, which the cache stores; an instance that waited on the lease (or hit
   * the cache) gets the finished text and hands it to its broadcast in one go.
   */
  function startReply(
    key: string,
    lesson: TutorLesson | undefined,
    history: ChatMessage[],
  ): ReplyInFlight {
    const broadcast = new ReplyBroadcast();
    /** Who feeds the broadcast: this call's provider stream, or the cache's finished text. */
    let source: 'undecided' | 'provider' | 'cache' = 'undecided';
    let decide!: (status: CacheStatus) => void;
    const status = new Promise<CacheStatus>((resolve) => (decide = resolve));
    inFlight.set(key, { broadcast, status });
    cache
      .getOrSet({
        namespace: 'ai',
        key,
        schema: replySchema,
        loader: async ({ signal }) => {
          // A load that starts after the cache answered is a background refresh of a stale
          // reply: it renews the cache and feeds nobody.
          const live = source === 'undecided';
          if (live) {
            source = 'provider';
            decide('miss');
          }
          let text = '';
          for await (const piece of provider.stream({
            model,
            messages: buildPromptMessages(lesson, history),
            lesson,
            signal,
          })) {
            text += piece;
            if (live) broadcast.push(piece);
          }
          return text;
        },
      })
      .then(
        (result) => {
          if (source === 'provider') {
            // Pieces already sent cannot be taken back: if the cache answered with something
            // other than this load (a stale fallback), the live reply was interrupted.
            if (result.tier === 'loader') broadcast.finish();
            else broadcast.fail(interruptedReply());
            return;
          }
          source = 'cache';
          // Filled by a flight this call merely joined: a reuse as well.
          decide(result.status === 'miss' ? 'hit' : result.status);
          broadcast.finish(result.value);
        },
        (error: unknown) => {
          decide('miss');
          broadcast.fail(replyFailure(error));
        },
      )
      // A failed reply is forgotten at once, so asking again retries the provider; a finished
      // one is in the cache (L1 included) by now.
      .finally(() => {
        if (inFlight.get(key)?.broadcast === broadcast) inFlight.delete(key);
      });
    return { broadcast, status };
  }

  async function openConversation(
    input: ChatInput,
  ): Promise<{ conversationId: string; lesson: (TutorLesson & { dbId: number }) | undefined }> {
    if (input.conversationId) {
      const conversation = await db.conversation.findFirst({
        where: { id: input.conversationId, learnerId: input.learnerId },
        select: { id: true, lessonId: true },
      });
      if (!conversation) throw conversationNotFound();
      const lesson =
        conversation.lessonId === null
          ? undefined
          : ((await findTutorLesson(db, conversation.lessonId)) ?? undefined);
      if (
        input.lessonId !== undefined &&
        (await findTutorLesson(db, input.lessonId))?.dbId !== conversation.lessonId
      ) {
        throw new ChatRequestError(
          400,
          'lesson_mismatch',
          'lessonId: this conversation belongs to another lesson.',
          'lessonId',
        );
      }
      return { conversationId: conversation.id, lesson };
    }
    const lesson =
      input.lessonId === undefined ? undefined : await findTutorLesson(db, input.lessonId);
    if (lesson === null) {
      throw new ChatRequestError(404, 'lesson_not_found', 'No such lesson.', 'lessonId');
    }
    // The learner row may not exist yet: the cookie is issued without touching the database.
    await db.learner.upsert({
      where: { id: input.learnerId },
      create: { id: input.learnerId },
      update: {},
    });
    const conversation = await db.conversation.create({
      data: { learnerId: input.learnerId, lessonId: lesson?.dbId ?? null },
      select: { id: true },
    });
    return { conversationId: conversation.id, lesson };
  }

  /** The last messages, oldest first, and when the latest was said. */
  async function recentHistory(conversationId: string) {
    const rows = await db.message.findMany({
      where: { conversationId, role: { in: ['user', 'assistant'] } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: HISTORY_WINDOW,
      select: { role: true, content: true, createdAt: true },
    });
    const lastAt = rows[0]?.createdAt;
    const earlier: ChatMessage[] = rows.reverse().map(({ role, content }) => ({ role, content }));
    return { earlier, lastAt };
  }

  async function storeAssistant(
    conversationId: string,
    content: string,
    fromCache: boolean,
    askedAt: Date,
  ) {
    await db.message.create({
      data: {
        conversationId,
        role: 'assistant',
        content,
        model,
        cached: fromCache,
        createdAt: after(askedAt),
      },
    });
  }

  async function conversation(learnerId: string, conversationId: string) {
    if (!z.uuid().safeParse(conversationId).success) throw conversationNotFound();
    const found = await db.conversation.findFirst({
      where: { id: conversationId, learnerId },
      select: {
        id: true,
        lessonId: true,
        createdAt: true,
        messages: {
          where: { role: { in: ['user', 'assistant'] } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true, role: true, content: true, cached: true, createdAt: true },
        },
      },
    });
    if (!found) throw conversationNotFound();
    return {
      ...found,
      messages: found.messages.map((message) => ({
        ...message,
        role: message.role === 'user' ? ('user' as const) : ('assistant' as const),
      })),
    };
  }

  return { chat, conversation };
}

function interruptedReply(): TutorProviderError {
  return new TutorProviderError('upstream_error', 'The reply was interrupted before it finished');
}

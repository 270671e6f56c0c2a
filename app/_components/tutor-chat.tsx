'use client';

import { useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import styles from './tutor-chat.module.css';
import { TutorReply } from './tutor-reply';
import { SayItReply } from './say-it/say-it-reply';

interface ChatMessage {
  id: number;
  role: 'user' | 'assistant';
  text: string;
  cache?: string;
}

const MAX_CHARACTERS = 1000;

/** The learner writes; the tutor's reply streams in piece by piece as the server sends it. */
export function TutorChat({ lessonId, lessonTitle }: { lessonId: number; lessonTitle: string }) {
  const [messages, setMessages] = useState<ChatMessage[]>([]);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const conversationId = useRef<string | null>(null);
  const nextId = useRef(0);

  async function send(event?: FormEvent) {
    event?.preventDefault();
    const message = draft.trim();
    if (!message || busy) return;
    setBusy(true);
    setError(null);
    setDraft('');
    const replyId = nextId.current + 1;
    nextId.current += 2;
    setMessages((list) => [
      ...list,
      { id: replyId - 1, role: 'user', text: message },
      { id: replyId, role: 'assistant', text: '' },
    ]);
    try {
      const response = await fetch('/api/chat', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          message,
          lessonId,
          ...(conversationId.current && { conversationId: conversationId.current }),
        }),
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as {
          error?: { message: string };
        } | null;
        throw new Error(body?.error?.message ?? `The tutor did not answer (${response.status}).`);
      }
      conversationId.current = response.headers.get('x-conversation-id');
      const cache = response.headers.get('x-cache')?.toLowerCase() ?? undefined;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        setMessages((list) =>
          list.map((m) => (m.id === replyId ? { ...m, text: m.text + value, cache } : m)),
        );
      }
    } catch (failure) {
      setMessages((list) => list.filter((m) => m.id !== replyId || m.text));
      setError(failure instanceof Error ? failure.message : String(failure));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) void send(event);
  }

  return (
    <section className={styles.chat} aria-label={`Tutor for ${lessonTitle}`}>
      <ol className={styles.messages} aria-live="polite" data-testid="chat-messages">
        {messages.map((m) => (
          <li key={m.id} className={m.role === 'user' ? styles.user : styles.tutor}>
            <span className="visually-hidden">{m.role === 'user' ? 'You:' : 'Tutor:'}</span>
            <span className={styles.text}>
              {m.role === 'assistant' && m.text ? <TutorReply text={m.text} /> : m.text || '…'}
            </span>
            {m.cache === 'hit' && <span className={styles.badge}>from cache</span>}
            {m.role === 'assistant' && <SayItReply text={m.text} complete={!busy} />}
          </li>
        ))}
      </ol>
      <form onSubmit={(event) => void send(event)} className={styles.form}>
        <label htmlFor="chat-input" className="visually-hidden">
          Your message (Chinese, pinyin or English)
        </label>
        <textarea
          id="chat-input"
          value={draft}
          maxLength={MAX_CHARACTERS}
          rows={2}
          placeholder="Write in Chinese, pinyin or English… (Enter to send)"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
        />
        <button type="submit" disabled={busy || draft.trim() === ''}>
          {busy ? 'Waiting…' : 'Send'}
        </button>
      </form>
      {error && (
        <p role="alert" className={styles.error}>
          {error}
        </p>
      )}
    </section>
  );
}

import { cacheLife, cacheTag } from 'next/cache';
import Link from 'next/link';
import styles from '@/app/lessons/[slug]/page.module.css';
import { catalogueService } from '@/lib/server/learning';
import { CATALOGUE_RENDER_LIFE } from '@/lib/catalogue/render-life';
import { CATALOGUE_RENDER_TAG, lessonRenderTag } from '@/lib/catalogue/render-tags';
import { PhraseText } from './phrase-text';
import { PlayButtons } from './play-buttons';
import { SayIt } from './say-it/say-it';
import { StrokeOrder } from './stroke-order/stroke-order';

/**
 * A lesson's cards and pager: the same for every learner, so rendered once per content version
 * and served from lib/cache (`'use cache'`, see lib/next-cache-handler). Tone colours and pinyin
 * follow the learner's settings through CSS on <html>, not through this render.
 */
export async function CachedLessonPhrases({ slug }: { slug: string }) {
  'use cache';
  cacheLife(CATALOGUE_RENDER_LIFE);
  cacheTag(CATALOGUE_RENDER_TAG);
  const { value: lesson } = await catalogueService().lesson(slug);
  if (!lesson) return null;
  cacheTag(lessonRenderTag(lesson.id));
  const words = lesson.phrases.filter((p) => p.kind === 'WORD');
  const sentences = lesson.phrases.filter((p) => p.kind === 'SENTENCE');

  return (
    <>
      <h2>Words</h2>
      <ul className={styles.cards} aria-label="Words">
        {words.map((phrase) => (
          <li key={phrase.id} className={styles.card} data-testid="phrase-card">
            <PhraseText {...phrase} />
            <span className={styles.english}>{phrase.english}</span>
            <span className={styles.practice}>
              <PlayButtons text={phrase.hanzi} label={phrase.hanzi} />
              <SayIt hanzi={phrase.hanzi} reading={phrase.pinyinNumbered} phraseId={phrase.id} />
              <StrokeOrder hanzi={phrase.hanzi} />
            </span>
          </li>
        ))}
      </ul>

      <h2>Sentences</h2>
      <ul className={styles.sentences} aria-label="Sentences">
        {sentences.map((phrase) => (
          <li key={phrase.id} className={styles.card} data-testid="phrase-card">
            <PhraseText {...phrase} size="medium" />
            <span className={styles.english}>{phrase.english}</span>
            <span className={styles.practice}>
              <PlayButtons text={phrase.hanzi} label={phrase.hanzi} />
              <SayIt hanzi={phrase.hanzi} reading={phrase.pinyinNumbered} phraseId={phrase.id} />
            </span>
          </li>
        ))}
      </ul>

      <nav aria-label="Lesson navigation" className={styles.pager}>
        {lesson.previous && <Link href={`/lessons/${lesson.previous}`}>← Previous lesson</Link>}
        {lesson.next && <Link href={`/lessons/${lesson.next}`}>Next lesson →</Link>}
      </nav>
    </>
  );
}

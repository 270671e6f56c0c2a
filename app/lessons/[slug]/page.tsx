import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { DisplaySettingsPanel } from '@/app/_components/display-settings';
import { PhraseText } from '@/app/_components/phrase-text';
import { PlayButtons } from '@/app/_components/play-buttons';
import { SayIt } from '@/app/_components/say-it/say-it';
import { StrokeOrder } from '@/app/_components/stroke-order/stroke-order';
import { catalogueService } from '@/lib/catalogue';
import { DISPLAY_COOKIE, parseDisplaySettings } from '@/lib/display/settings';
import styles from './page.module.css';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { value: lesson } = await catalogueService().lesson((await params).slug);
  return { title: lesson?.title ?? 'Lesson not found' };
}

export default async function LessonPage({ params }: Props) {
  const { value: lesson } = await catalogueService().lesson((await params).slug);
  if (!lesson) notFound();
  const display = parseDisplaySettings((await cookies()).get(DISPLAY_COOKIE)?.value);
  const words = lesson.phrases.filter((p) => p.kind === 'WORD');
  const sentences = lesson.phrases.filter((p) => p.kind === 'SENTENCE');

  return (
    <article>
      <p className={styles.crumb}>
        <Link href="/">Lessons</Link> · HSK {lesson.hskLevel} · lesson {lesson.position}
      </p>
      <h1>{lesson.title}</h1>
      <p className={styles.description}>{lesson.description}</p>
      <p className={styles.actions}>
        <Link href={`/lessons/${lesson.slug}/tutor`} className={styles.action}>
          Practise with the tutor
        </Link>
        <Link href="/review" className={styles.action}>
          Review due cards
        </Link>
      </p>
      <DisplaySettingsPanel initial={display} />

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
    </article>
  );
}

import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { DisplaySettingsPanel } from '@/app/_components/display-settings';
import { CachedLessonPhrases } from '@/app/_components/cached-lesson-phrases';
import { catalogueService } from '@/lib/server/learning';
import { DISPLAY_COOKIE, parseDisplaySettings } from '@/lib/display/settings';
import styles from './page.module.css';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  // Request time only, never a prerender: the cache and progress reads below use the clock.
  await connection();
  const { value: lesson } = await catalogueService().lesson(slug);
  return { title: lesson?.title ?? 'Lesson not found' };
}

export default async function LessonPage({ params }: Props) {
  const { slug } = await params;
  await connection();
  const { value: lesson } = await catalogueService().lesson(slug);
  if (!lesson) notFound();
  const display = parseDisplaySettings((await cookies()).get(DISPLAY_COOKIE)?.value);

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

      <CachedLessonPhrases slug={lesson.slug} />
    </article>
  );
}

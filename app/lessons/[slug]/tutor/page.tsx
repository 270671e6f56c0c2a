import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { TutorChat } from '@/app/_components/tutor-chat';
import { catalogueService } from '@/lib/server/learning';

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  // Request time only, never a prerender: the cache and progress reads below use the clock.
  await connection();
  const { value: lesson } = await catalogueService().lesson(slug);
  return { title: lesson ? `Tutor: ${lesson.title}` : 'Lesson not found' };
}

export default async function TutorPage({ params }: Props) {
  const { slug } = await params;
  await connection();
  const { value: lesson } = await catalogueService().lesson(slug);
  if (!lesson) notFound();
  return (
    <>
      <p>
        <Link href={`/lessons/${lesson.slug}`}>← {lesson.title}</Link>
      </p>
      <h1>Practise with the tutor</h1>
      <p>
        Ask about this lesson&apos;s words: their meaning, pinyin and tones, or try a sentence and
        get it corrected.
      </p>
      <TutorChat lessonId={lesson.id} lessonTitle={lesson.title} />
    </>
  );
}

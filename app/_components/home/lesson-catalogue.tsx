import Link from 'next/link';
import type { ReactNode } from 'react';
import { catalogueService } from '@/lib/catalogue';
import styles from './home.module.css';

/**
 * Every lesson by HSK level, each previewing its first words in hanzi. It reads nothing about
 * the learner, so it can be cached for everyone; a learner's progress arrives through the
 * `lessonProgress` slots, rendered in place without being read here.
 */
export async function LessonCatalogue({
  lessonProgress,
}: {
  lessonProgress: Partial<Record<number, ReactNode>>;
}) {
  const { value: catalogue } = await catalogueService().catalogue();
  return catalogue.levels.map((level) => (
    <section key={level.hskLevel} aria-labelledby={`hsk-${level.hskLevel}`}>
      <h2 id={`hsk-${level.hskLevel}`}>HSK {level.hskLevel}</h2>
      <ol className={styles.lessons}>
        {level.lessons.map((lesson) => (
          <li key={lesson.id}>
            <Link href={`/lessons/${lesson.slug}`} className={styles.card}>
              <span className={styles.keyWords} lang="zh-CN" aria-hidden="true">
                {lesson.keyWords.join(' ')}
              </span>
              <span className={styles.title}>{lesson.title}</span>
              <span className={styles.meta}>
                {lesson.wordCount} words · {lesson.sentenceCount} sentences
              </span>
              {lessonProgress[lesson.id] ?? <span className={styles.meta}>Not started</span>}
            </Link>
          </li>
        ))}
      </ol>
    </section>
  ));
}

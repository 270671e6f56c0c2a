import { cacheLife, cacheTag } from 'next/cache';
import Link from 'next/link';
import { catalogueService } from '@/lib/server/learning';
import { CATALOGUE_RENDER_LIFE } from '@/lib/catalogue/render-life';
import { CATALOGUE_RENDER_TAG } from '@/lib/catalogue/render-tags';
import { LessonProgress } from '../lesson-progress';
import styles from './home.module.css';

/**
 * Every lesson by HSK level, each previewing its first words in hanzi. It reads nothing about
 * the learner, so it is rendered once per content version and served from lib/cache
 * (`'use cache'`, see lib/next-cache-handler); each card's progress is a client part filled from
 * the learner's own figures (LessonProgressProvider).
 */
export async function LessonCatalogue() {
  'use cache';
  cacheLife(CATALOGUE_RENDER_LIFE);
  cacheTag(CATALOGUE_RENDER_TAG);
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
              <LessonProgress
                lessonId={lesson.id}
                title={lesson.title}
                total={lesson.wordCount + lesson.sentenceCount}
              />
            </Link>
          </li>
        ))}
      </ol>
    </section>
  ));
}

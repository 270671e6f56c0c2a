import styles from './page-loading.module.css';

/**
 * What a segment's loading.tsx shows while its page reads the database: the page's rough shape,
 * and a status line that screen readers announce instead of the grey bars.
 */
export function PageLoading({ label, cards = 1 }: { label: string; cards?: number }) {
  return (
    <div className={styles.loading} aria-busy="true">
      <p role="status" className="visually-hidden">
        {label}
      </p>
      <div className={`${styles.bar} ${styles.title}`} />
      <div className={`${styles.bar} ${styles.short}`} />
      {Array.from({ length: cards }, (_, index) => (
        <div key={index} className={`${styles.bar} ${styles.card}`} />
      ))}
    </div>
  );
}

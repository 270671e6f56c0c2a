'use client';

/**
 * A page that failed on the server (most often: the database went away mid-request). Production
 * hides the error's text, so the learner gets a plain explanation and a way to try again.
 */
export default function PageError({ error, retry }: { error: unknown; retry: () => void }) {
  const digest = error instanceof Error && 'digest' in error ? String(error.digest) : undefined;
  return (
    <section role="alert">
      <h1>Temporarily unavailable</h1>
      <p>
        Tingshuo could not load this page. If the service is having trouble reaching its data,
        nothing you saved is lost; please try again in a moment.
      </p>
      <button type="button" onClick={() => retry()}>
        Try again
      </button>
      {digest && <p>Reference: {digest}</p>}
    </section>
  );
}

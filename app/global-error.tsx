'use client';

/** When even the root layout fails: its own document, no app styles, the same plain message. */
export default function GlobalError({ retry }: { error: unknown; retry: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', maxWidth: '36rem', margin: '4rem auto' }}>
        <title>Temporarily unavailable · Tingshuo 听说</title>
        <h1>Temporarily unavailable</h1>
        <p>
          Tingshuo could not load this page. Nothing you saved is lost; please try again in a
          moment.
        </p>
        <button type="button" onClick={() => retry()}>
          Try again
        </button>
      </body>
    </html>
  );
}

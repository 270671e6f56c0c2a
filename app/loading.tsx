/**
 * Shown while a page's server components render (a cold catalogue or progress read), so a click
 * answers at once instead of leaving the old page on screen.
 */
export default function Loading() {
  return (
    <section aria-busy="true" aria-live="polite">
      <p>Loading…</p>
    </section>
  );
}

import Link from 'next/link';

/** An unknown page or lesson: say so plainly and offer the way back (not Next's bare 404). */
export default function NotFound() {
  return (
    <section>
      <h1>Page not found</h1>
      <p>There is no page at this address. The lesson may have been renamed.</p>
      <p>
        <Link href="/">Back to the lessons</Link>
      </p>
    </section>
  );
}

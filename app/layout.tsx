// Latin first: Noto Sans draws every pinyin letter (ā ǖ and the combining macron U+0304) with its
// mark over the vowel. Noto Sans SC's Latin subsets do not, and Chromium then stacks a spacing
// macron beside the vowel ("ma¯"). Han characters fall through to Noto Sans SC by unicode-range.
import '@fontsource/noto-sans/latin-400.css';
import '@fontsource/noto-sans/latin-ext-400.css';
import '@fontsource/noto-sans/latin-700.css';
import '@fontsource/noto-sans/latin-ext-700.css';
import '@fontsource/noto-sans-sc/400.css';
import './globals.css';
import type { Metadata, Viewport } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { DISPLAY_COOKIE, parseDisplaySettings } from '@/lib/display/settings';
import styles from './layout.module.css';

export const metadata: Metadata = {
  title: { default: 'Tingshuo 听说', template: '%s · Tingshuo 听说' },
  description: 'Learn Mandarin by listening and speaking.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

// The display cookie sets attributes on <html>, which no <Suspense> can wrap: every page renders
// per request (the CSP nonce needs that anyway). Their cacheable parts are `'use cache'`
// components (app/_components/cached-*.tsx) served from lib/cache.
export const instant = false;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const display = parseDisplaySettings((await cookies()).get(DISPLAY_COOKIE)?.value);
  return (
    <html
      lang="en"
      data-tones={display.tones}
      data-pinyin={display.pinyin ? 'on' : 'off'}
      data-sandhi={display.sandhi ? 'spoken' : 'citation'}
    >
      <body>
        <a className={styles.skip} href="#main">
          Skip to content
        </a>
        <header className={styles.header}>
          <Link href="/" className={styles.brand}>
            <span lang="zh-CN">听说</span> Tingshuo
          </Link>
          <nav aria-label="Main">
            <ul className={styles.nav}>
              <li>
                <Link href="/">Lessons</Link>
              </li>
              <li>
                <Link href="/review">Review</Link>
              </li>
              <li>
                <Link href="/admin">Admin</Link>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" className={styles.main}>
          {children}
        </main>
        <footer className={styles.footer}>
          <p>
            Word list and glosses from <a href="https://cc-cedict.org/wiki/">CC-CEDICT</a> via the
            chinese-lexicon package, licensed{' '}
            <a href="https://creativecommons.org/licenses/by-sa/4.0/">CC BY-SA 4.0</a>. Offline
            voice by eSpeak NG (GPL-3.0-or-later).
          </p>
        </footer>
      </body>
    </html>
  );
}

import { expect, test, type Page } from '@playwright/test';
import { measureToneMark } from './support/tone-mark-ink';

// Two device pixels per CSS pixel, so a one-pixel macron is measured, not guessed.
test.use({ deviceScaleFactor: 2 });

type Extent = { left: number; right: number };

/** How far (CSS px) the mark's centre is from the vowel's centre. */
function offCentre(mark: Extent, vowel: Extent): number {
  return Math.abs((mark.left + mark.right) / 2 - (vowel.left + vowel.right) / 2);
}

const FIRST_TONE = ['ā', 'ē', 'ī', 'ō', 'ū', 'ǖ'];

async function openLesson(page: Page, index: number) {
  await page.goto('/');
  await page.getByRole('region', { name: 'HSK 1' }).getByRole('link').nth(index).click();
  await expect(page.getByTestId('phrase-card').first()).toBeVisible();
  await page.evaluate(() => document.fonts.ready);
}

test('every first-tone mark in the lessons is drawn over its own vowel', async ({ page }) => {
  const measured = new Set<string>();
  for (let lesson = 0; lesson < 8 && measured.size < 5; lesson += 1) {
    await openLesson(page, lesson);
    // The tone legend's mā, then the pinyin above the hanzi.
    for (const letter of FIRST_TONE.filter((vowel) => !measured.has(vowel))) {
      const pinyin = page.locator('rt, [aria-label="Tone colour legend"] strong', {
        hasText: letter,
      });
      if ((await pinyin.count()) === 0) continue;
      const { mark, vowel } = await measureToneMark(page, pinyin.first(), letter);
      expect(offCentre(mark, vowel), `${letter}: mark centred over the vowel`).toBeLessThanOrEqual(
        Math.max(0.5, 0.2 * (vowel.right - vowel.left)),
      );
      measured.add(letter);
    }
  }
  expect(
    measured.size,
    `first-tone vowels measured: ${[...measured].join(' ')}`,
  ).toBeGreaterThanOrEqual(4);
});

for (const width of [1280, 390]) {
  test(`pinyin is at least 14 px everywhere on a lesson at ${width} px wide`, async ({ page }) => {
    await page.setViewportSize({ width, height: 900 });
    await openLesson(page, 0);
    const sizes = await page
      .locator('rt')
      .evaluateAll((nodes) => nodes.map((node) => parseFloat(getComputedStyle(node).fontSize)));
    expect(sizes.length).toBeGreaterThan(0);
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(14);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(0);
  });
}

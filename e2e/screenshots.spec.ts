import { expect, test, type Page } from '@playwright/test';
import { REVIEW_DIRECTIONS } from '../lib/display/review-direction';

/**
 * The screenshots linked from the README, retaken on every run of the suite so they always show
 * the current pages. Viewport-sized, not full-page, to keep the PNGs small.
 */
const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
];

const shot = (page: Page, name: string, width: number) =>
  page.screenshot({ path: `docs/screenshots/${name}-${width}.png` });

for (const viewport of WIDTHS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('home, lesson and tutor', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByRole('region', { name: 'Your practice' })).toBeVisible();
      await shot(page, 'home', viewport.width);

      await page.getByRole('region', { name: 'HSK 1' }).getByRole('link').first().click();
      await expect(page.getByTestId('phrase-card').first()).toBeVisible();
      await page.evaluate(() => document.fonts.ready);
      await shot(page, 'lesson', viewport.width);

      await page.getByRole('link', { name: 'Practise with the tutor' }).click();
      await page.getByLabel(/Your message/).fill('我是不老师');
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByTestId('chat-messages')).toContainText('Why:');
      await shot(page, 'tutor', viewport.width);
    });

    for (const direction of REVIEW_DIRECTIONS) {
      test(`review, ${direction}: front and back`, async ({ page }) => {
        await page.goto(`/review?direction=${direction}`);
        await expect(page.getByTestId('review-front')).toBeVisible();
        await shot(page, `review-${direction}-front`, viewport.width);
        await page.getByRole('button', { name: 'Show answer' }).click();
        await expect(page.getByTestId('review-back')).toBeVisible();
        await shot(page, `review-${direction}-back`, viewport.width);
      });
    }
  });
}

import { expect, test } from '@playwright/test';

test('the home page lists the seeded HSK lessons and a lesson shows its cards', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'HSK 1' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'HSK 2' })).toBeVisible();

  const firstLesson = page.getByRole('region', { name: 'HSK 1' }).getByRole('link').first();
  await firstLesson.click();
  await expect(page).toHaveURL(/\/lessons\/hsk1-/);
  const cards = page.getByTestId('phrase-card');
  await expect(cards.first()).toBeVisible();
  expect(await cards.count()).toBeGreaterThan(5);
  await expect(cards.first().locator('[lang="zh-CN"]')).not.toBeEmpty();
  await expect(cards.first().getByRole('button', { name: /0\.75× speed/ })).toBeVisible();
});

test('every page has an icon and loads without a 404', async ({ page }) => {
  const missing: string[] = [];
  page.on('response', (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  for (const path of ['/', '/review']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toMatch(/icon/);
  expect((await page.request.get(icon!)).status()).toBe(200);
  expect(missing).toEqual([]);
});

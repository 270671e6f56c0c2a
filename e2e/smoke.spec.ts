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

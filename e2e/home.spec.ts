import { expect, test } from '@playwright/test';

test('home: a new learner starts at lesson 1; after a review it offers to continue there', async ({
  page,
}) => {
  await page.goto('/');
  const panel = page.getByRole('region', { name: 'Your practice' });
  await expect(panel).toContainText('Start here');
  await expect(page.getByTestId('home-due')).toContainText('0 cards due');
  await expect(page.getByTestId('home-due')).toContainText(/\d+ new cards waiting today/);
  await expect(page.getByTestId('home-goal')).toContainText('0 / 10 reviews');
  // Every lesson card previews its words in hanzi.
  const cards = page.getByRole('region', { name: 'HSK 1' }).getByRole('link');
  for (const card of await cards.all()) {
    await expect(card.locator('[lang="zh-CN"]')).toHaveText(/\p{Script=Han}/u);
  }

  await page.goto('/review');
  const lesson = await page.locator('#review-card-heading span').last().textContent();
  await page.getByRole('button', { name: 'Show answer' }).click();
  await page.getByRole('button', { name: /^Good/ }).click();
  await expect(page.getByText(/1 \/ \d+ reviews/)).toBeVisible();

  await page.goto('/');
  await expect(panel).toContainText('Continue where you left off');
  await expect(panel.getByRole('link').first()).toContainText(lesson ?? '');
  await expect(page.getByTestId('home-goal')).toContainText('1 / 10 reviews');
});

import { expect, test } from '@playwright/test';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('a reading card shows only the hanzi until pinyin and tones are asked for', async ({
  page,
}) => {
  await page.goto('/review?direction=reading');
  const front = page.getByTestId('review-front');
  await expect(front.locator('[lang="zh-CN"]').first()).toBeVisible();
  await expect(front.locator('rt').first()).toBeHidden();
  await page.getByRole('button', { name: 'Pinyin and tones' }).click();
  await expect(front.locator('rt').first()).toBeVisible();
  await expect(page.getByTestId('review-stats')).toContainText(/New\s*\d+/);
});

test('a listening card starts with audio only; a recall card with the meaning only', async ({
  page,
}) => {
  await page.goto('/review?direction=listening');
  const front = page.getByTestId('review-front');
  await expect(front.getByRole('button', { name: /Play the card/ }).first()).toBeVisible();
  await expect(front.locator('[lang="zh-CN"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Show answer' }).click();
  const back = page.getByTestId('review-back');
  await expect(back.locator('ruby').first()).toBeVisible();
  const meaning = await back.locator('p').last().textContent();

  await page.goto('/review?direction=recall');
  await expect(page.getByTestId('review-front')).toContainText(meaning ?? '');
  await expect(page.getByTestId('review-front').locator('[lang="zh-CN"]')).toHaveCount(0);
});

test('a speaking card shows the hanzi and meaning, no pinyin, and asks to say it aloud', async ({
  page,
}) => {
  await page.goto('/review?direction=speaking');
  await expect(page.getByRole('link', { name: /^Speaking/ })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const front = page.getByTestId('review-front');
  await expect(front.locator('[lang="zh-CN"]').first()).toBeVisible();
  await expect(front.locator('rt').first()).toBeHidden();
  await front.getByRole('button', { name: /yourself and check your tones/ }).click();
  await expect(front.getByRole('button', { name: /Record/ })).toBeVisible();
});

test('ratings show the next interval, and a rating whose request was lost is retried with its key', async ({
  page,
}) => {
  await page.goto('/review');
  await page.getByRole('button', { name: 'Show answer' }).click();
  const ratings = page.getByRole('group', { name: 'How well did you remember it?' });
  await expect(ratings.getByRole('button', { name: /^Again.*next in 1 min/ })).toBeVisible();
  await expect(ratings.getByRole('button', { name: /^Good.*next in 10 min/ })).toBeVisible();

  // The rating is a Server Action (app/review/actions.ts): a POST to the page itself, its
  // arguments (the answer and its idempotency key) in the body. /api/reviews is not called.
  const keys: string[] = [];
  const apiCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/api/reviews')) apiCalls.push(request.url());
  });
  let failFirst = true;
  await page.route('**/review', async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || !(await request.headerValue('next-action'))) {
      return route.continue();
    }
    keys.push(/"([0-9a-f-]{36})"/.exec(request.postData() ?? '')?.[1] ?? '');
    if (failFirst) {
      failFirst = false;
      await route.abort('connectionreset');
    } else {
      await route.continue();
    }
  });
  // The lost call is retried by the page itself (lib/http/until-final.ts), with the same key:
  // the server applies the rating once whichever attempt reached it.
  await ratings.getByRole('button', { name: /^Good/ }).click();
  await expect(page.getByText(/1 \/ \d+ reviews/)).toBeVisible();
  expect(keys).toHaveLength(2);
  expect(keys[0]).toMatch(UUID);
  expect(keys[1]).toBe(keys[0]);
  expect(apiCalls).toEqual([]);
});

import { expect, test } from '@playwright/test';

test('the tutor corrects 我是不老师 and its reply has play buttons and tone colours', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'HSK 1' }).getByRole('link').first().click();
  await page.getByRole('link', { name: 'Practise with the tutor' }).click();
  await page.getByLabel(/Your message/).fill('我是不老师');
  await page.getByRole('button', { name: 'Send' }).click();
  const reply = page.getByTestId('chat-messages').locator('li').nth(1);
  await expect(reply).toContainText('我是不老师 → 我不是老师');
  await expect(reply).toContainText('Why: 不 goes before the verb');
  await expect(reply.getByRole('button', { name: 'Play 老师 at 1× speed' })).toBeVisible();
  // 老 is a third tone: drawn in the tone-3 colour, not in the text colour.
  const colours = await reply
    .locator('[lang="zh-CN"] span', { hasText: /^老$/ })
    .first()
    .evaluate((node) => ({
      character: getComputedStyle(node).color,
      tone3: getComputedStyle(document.documentElement).getPropertyValue('--tone3').trim(),
    }));
  const hex = colours.tone3.replace('#', '');
  const rgb = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16)).join(', ');
  expect(colours.character).toBe(`rgb(${rgb})`);
});

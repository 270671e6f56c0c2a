import { expect, test, type Page } from '@playwright/test';

async function openFirstLesson(page: Page) {
  await page.goto('/');
  await page.getByRole('region', { name: 'HSK 1' }).getByRole('link').first().click();
  await expect(page.getByTestId('phrase-card').first()).toBeVisible();
}

test('a learner plays a phrase, asks the tutor, reviews two cards and keeps the progress', async ({
  page,
}) => {
  await openFirstLesson(page);

  // Spoken phrase: the audio element must load real, decodable audio from the app.
  const card = page.getByTestId('phrase-card').first();
  await card.getByRole('button', { name: /at 1× speed/ }).click();
  const audio = card.getByTestId('phrase-audio');
  await expect(audio).toHaveAttribute('src', /\/api\/audio\/[0-9a-f]{64}\.(wav|mp3|ogg)$/);
  await expect
    .poll(() => audio.evaluate((element: HTMLAudioElement) => element.duration))
    .toBeGreaterThan(0.1);
  await expect(card.getByRole('status')).not.toContainText(/fail|error/i);

  // Tutor: the offline tutor answers from the curriculum and says what it is.
  await page.getByRole('link', { name: 'Practise with the tutor' }).click();
  await page.getByLabel(/Your message/).fill('你好');
  await page.getByRole('button', { name: 'Send' }).click();
  const reply = page.getByTestId('chat-messages').locator('li').nth(1);
  await expect(reply).toContainText('offline tutor', { ignoreCase: true });
  await expect(reply).toContainText('nǐ');

  // Review two cards with the keyboard and the buttons.
  await page.goto('/review');
  for (const rating of ['Good', 'Easy']) {
    await page.getByRole('button', { name: 'Show answer' }).click();
    await page
      .getByRole('group', { name: 'How well did you remember it?' })
      .getByRole('button', { name: new RegExp(`^${rating}`) })
      .click();
  }
  await expect(page.getByText(/2 \/ \d+ reviews/)).toBeVisible();

  // The progress is saved: a reload (fresh server render) still shows both reviews.
  await page.reload();
  await expect(page.getByText(/2 \/ \d+ reviews/)).toBeVisible();
  await page.goto('/');
  await expect(page.getByText(/\d+ of \d+ practised/).first()).toBeVisible();
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, expect, test, type Page } from '@playwright/test';
import { encodeWav, type Recording } from '@/lib/speak/wav';
import { renderWithEspeak } from '@/test/speak/espeak-render';
import { QUIET_CHROMIUM_ARGS } from './support/constants';

// Lesson 1's "没关系" (méi guān xi: rising, level, neutral): the learner says it through a fake
// microphone that plays a WAV file, once as the offline voice says it and once on one note.
const LESSON = '/lessons/hsk1-01-hello';
const PHRASE = '没关系';

const folder = mkdtempSync(path.join(tmpdir(), 'tingshuo-speak-'));
test.afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** The phrase between silences: a quiet moment before it and a pause after, as a learner would. */
async function microphoneFile(name: string, monotone: boolean): Promise<string> {
  const { samples, sampleRate }: Recording = await renderWithEspeak(PHRASE, { monotone });
  const padded = new Float32Array(samples.length + Math.round(2.5 * sampleRate));
  padded.set(samples, sampleRate);
  const file = path.join(folder, `${name}.wav`);
  writeFileSync(file, encodeWav({ samples: padded, sampleRate }));
  return file;
}

/** A browser whose microphone plays `wavFile` (in a loop), permission granted. */
async function pageWithMicrophone(wavFile: string, baseURL: string | undefined) {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      ...QUIET_CHROMIUM_ARGS,
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      `--use-file-for-fake-audio-capture=${wavFile}`,
    ],
  });
  // Phone width: the feedback has to fit a phone held upright.
  const page = await browser.newPage({ baseURL, viewport: { width: 390, height: 844 } });
  return { browser, page };
}

/** Opens "Say it" on the phrase's card and records, with the keyboard only; returns the card. */
async function sayThePhrase(page: Page) {
  await page.goto(LESSON);
  const card = page
    .getByTestId('phrase-card')
    .filter({ has: page.getByRole('button', { name: `Play ${PHRASE} at 1× speed` }) });
  await card.getByRole('button', { name: /yourself and check your tones/ }).focus();
  await page.keyboard.press('Enter');
  const record = card.getByRole('button', { name: /Record/ });
  await record.focus();
  await page.keyboard.press('Enter');
  await expect(card.getByTestId('say-it-score')).toBeVisible({ timeout: 20_000 });
  return card;
}

const percent = async (card: ReturnType<Page['getByTestId']>) =>
  Number((await card.getByTestId('say-it-score').innerText()).replace('%', ''));

test('the offline voice saying the phrase scores high, and the same phrase on one note scores low', async ({
  baseURL,
}) => {
  const reference = await pageWithMicrophone(await microphoneFile('reference', false), baseURL);
  let referenceScore: number;
  try {
    const card = await sayThePhrase(reference.page);
    referenceScore = await percent(card);
    expect(referenceScore).toBeGreaterThanOrEqual(67);
    // Each syllable is drawn, and most are marked right.
    await expect(card.getByTestId('say-it-syllable')).toHaveCount(3);
    await expect(
      card.locator('[data-testid="say-it-syllable"][data-correct="true"]'),
    ).not.toHaveCount(0);
    await expect(card.getByRole('button', { name: /at 1× speed/ }).first()).toBeVisible();
    await card.screenshot({ path: 'docs/say-it-feedback.png' });
    // The result (not the recording) went into the learner's progress.
    await expect
      .poll(async () => {
        const progress = await reference.page.request.get('/api/progress');
        return ((await progress.json()) as { practisedAloud: number }).practisedAloud;
      })
      .toBe(1);
    // And the learner sees it on the home page, which reads the cached progress summary.
    await reference.page.goto('/');
    await expect(reference.page.getByTestId('home-spoken')).toContainText('1 phrase');
  } finally {
    await reference.browser.close();
  }

  const monotone = await pageWithMicrophone(await microphoneFile('monotone', true), baseURL);
  try {
    const card = await sayThePhrase(monotone.page);
    const monotoneScore = await percent(card);
    expect(monotoneScore).toBeLessThan(referenceScore);
    expect(monotoneScore).toBeLessThanOrEqual(34);
    // The wrong syllables are marked and explained in words.
    await expect(
      card.locator('[data-testid="say-it-syllable"][data-correct="false"]'),
    ).not.toHaveCount(0);
    await expect(card.getByRole('list', { name: 'Tips' })).toContainText(
      /syllable .* should be tone/,
    );
    await card.screenshot({ path: 'docs/say-it-feedback-wrong.png' });
    // The tone this learner missed most is named on their home page as one to work on.
    const missedTones = async () => {
      const progress = await monotone.page.request.get('/api/progress');
      return ((await progress.json()) as { missedTones: { tone: number }[] }).missedTones;
    };
    await expect.poll(async () => (await missedTones()).length).toBeGreaterThan(0);
    const [mostMissed] = await missedTones();
    const name = mostMissed?.tone === 5 ? 'neutral tone' : `tone ${mostMissed?.tone}`;
    await monotone.page.goto('/');
    await expect(monotone.page.getByTestId('home-spoken')).toContainText(
      `Tones to work on: ${name}`,
    );
  } finally {
    await monotone.browser.close();
  }
});

import { expect, test, type Response } from '@playwright/test';

// Lesson 1's word 你 (seven strokes): its stroke order animated, then quizzed with the mouse.
const LESSON = '/lessons/hsk1-01-hello';
const CHARACTER = '你';
// A string of hanzi-writer's own code (one of its option names), to tell its chunk apart.
const HANZI_WRITER_MARK = 'radicalColor';
// The panel's writer: 120 px square, 6 px padding; Make Me a Hanzi's box is 1024 wide, y from
// -124 to 900 pointing up (see hanzi-writer's Positioner).
const SIZE = 120;
const PADDING = 6;
const SCALE = (SIZE - 2 * PADDING) / 1024;

type StrokeJson = { strokes: string[]; medians: [number, number][][] };

test('stroke order loads hanzi-writer from the app only when asked, animates and quizzes', async ({
  page,
  baseURL,
}) => {
  const responses: Response[] = [];
  page.on('response', (response) => responses.push(response));
  await page.goto(LESSON);
  await page.waitForLoadState('networkidle');

  const scriptsWithWriter = async () => {
    const scripts = responses.filter((response) => response.request().resourceType() === 'script');
    const bodies = await Promise.all(scripts.map((response) => response.text()));
    return bodies.filter((body) => body.includes(HANZI_WRITER_MARK)).length;
  };
  // Nothing of hanzi-writer, nor any stroke data, before a learner asks for the strokes.
  expect(await scriptsWithWriter()).toBe(0);
  expect(responses.some((response) => response.url().includes('/api/strokes/'))).toBe(false);

  const card = page
    .getByTestId('phrase-card')
    .filter({ has: page.getByRole('button', { name: `Play ${CHARACTER} at 1× speed` }) });
  await card.getByRole('button', { name: `Stroke order of ${CHARACTER}` }).click();
  const panel = card.getByRole('region', { name: `Stroke order of ${CHARACTER}` });
  const box = panel.getByRole('img', { name: `Strokes of ${CHARACTER}` });
  await expect(box.locator('svg path').first()).toBeAttached();
  expect(await scriptsWithWriter()).toBeGreaterThan(0);
  // Everything came from the app itself: no CDN.
  const origin = new URL(baseURL ?? '').origin;
  expect(responses.map((response) => new URL(response.url()).origin)).toEqual(
    responses.map(() => origin),
  );
  const data = (await (
    await page.request.get(`/api/strokes/${encodeURIComponent(CHARACTER)}`)
  ).json()) as StrokeJson;

  // Animate: the strokes are drawn again one after another, so the drawing changes under way.
  const before = await box.innerHTML();
  await panel.getByRole('button', { name: /Animate/ }).click();
  await expect.poll(() => box.innerHTML()).not.toBe(before);

  // Quiz: the learner draws the first stroke along its median, and is told it is right.
  await panel.getByRole('button', { name: /Quiz me/ }).click();
  await expect(panel.getByRole('status')).toContainText('stroke by stroke');
  const svg = await box.locator('svg').boundingBox();
  if (!svg) throw new Error('the writer has no drawing');
  const toPage = ([x, y]: [number, number]) => ({
    x: svg.x + PADDING + x * SCALE,
    y: svg.y + SIZE - PADDING - (y + 124) * SCALE,
  });
  const [first, ...rest] = (data.medians[0] ?? []).map(toPage);
  if (!first) throw new Error('no median for the first stroke');
  await page.mouse.move(first.x, first.y);
  await page.mouse.down();
  for (const point of rest) await page.mouse.move(point.x, point.y, { steps: 4 });
  await page.mouse.up();
  await expect(panel.getByRole('status')).toHaveText(
    `${CHARACTER}: stroke 1 of ${data.strokes.length} right.`,
  );
});

import type { Locator, Page } from '@playwright/test';

/** Horizontal extents (CSS px, page coordinates) of a tone mark and of the vowel under it. */
export interface MarkPlacement {
  letter: string;
  mark: { left: number; right: number };
  vowel: { left: number; right: number };
}

/**
 * Measures where a tone-marked vowel is really drawn: the browser is asked for the box of that
 * one character (a DOM Range), the screen inside the box is captured, and the ink is split into
 * its topmost band (the tone mark; for ǖ the macron above the dots) and everything below it (the
 * vowel). Layout boxes alone cannot tell: a misplaced macron sits inside the character's box.
 */
export async function measureToneMark(
  page: Page,
  element: Locator,
  letter: string,
): Promise<MarkPlacement> {
  const box = await element.evaluate((node, wanted) => {
    const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
    for (let text = walker.nextNode(); text; text = walker.nextNode()) {
      const at = text.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + wanted.length);
      const rect = range.getBoundingClientRect();
      return { x: rect.x + scrollX, y: rect.y + scrollY, width: rect.width, height: rect.height };
    }
    throw new Error(`${wanted} not found`);
  }, letter);
  const png = await page.screenshot({ clip: box, fullPage: true });
  const bands = await page.evaluate(async (base64) => {
    const image = new Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(image, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
    // The background is the clip's most common colour; ink is anything clearly different.
    const counts = new Map<number, number>();
    for (let i = 0; i < data.length; i += 4) {
      const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const background = [...counts].sort((a, b) => b[1] - a[1])[0]![0];
    const [br, bg, bb] = [(background >> 16) & 255, (background >> 8) & 255, background & 255];
    const ink = (x: number, y: number) => {
      const i = (y * width + x) * 4;
      return (
        Math.abs(data[i]! - br) + Math.abs(data[i + 1]! - bg) + Math.abs(data[i + 2]! - bb) > 160
      );
    };
    const rowHasInk = (y: number) =>
      Array.from({ length: width }, (_, x) => ink(x, y)).some(Boolean);
    let y = 0;
    while (y < height && !rowHasInk(y)) y += 1;
    const markTop = y;
    while (y < height && rowHasInk(y)) y += 1;
    const markBottom = y;
    const extent = (from: number, to: number) => {
      let left = Infinity;
      let right = -Infinity;
      for (let row = from; row < to; row += 1) {
        for (let x = 0; x < width; x += 1) {
          if (ink(x, row)) {
            left = Math.min(left, x);
            right = Math.max(right, x + 1);
          }
        }
      }
      return { left, right };
    };
    return { scale: width, mark: extent(markTop, markBottom), vowel: extent(markBottom, height) };
  }, png.toString('base64'));
  const scale = bands.scale / box.width;
  const toPage = ({ left, right }: { left: number; right: number }) => ({
    left: box.x + left / scale,
    right: box.x + right / scale,
  });
  return { letter, mark: toPage(bands.mark), vowel: toPage(bands.vowel) };
}

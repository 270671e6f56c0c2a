import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { TONE_PALETTES } from '@/lib/display/settings';

// Reads the shipped stylesheet itself, so a colour edited there is what gets checked.
const css = readFileSync(new URL('../../app/globals.css', import.meta.url), 'utf8');

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  assert.ok(start >= 0, `${selector} is missing from globals.css`);
  const body = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(
    [...body.matchAll(/--([\w-]+):\s*([^;]+);/g)].map(([, name, value]) => [name!, value!.trim()]),
  );
}

/** WCAG 2.x relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const channel = parseInt(hex.slice(i, i + 2), 16) / 255;
    return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

const root = block(':root');

function resolve(value: string, palette: Record<string, string>): string {
  const reference = /^var\(--([\w-]+)\)$/.exec(value)?.[1];
  return reference ? resolve(palette[reference] ?? root[reference]!, palette) : value;
}

for (const palette of TONE_PALETTES) {
  test(`the ${palette} tone colours keep WCAG AA contrast (4.5:1) on every background`, () => {
    const overrides = palette === 'pleco' ? {} : block(`html[data-tones='${palette}']`);
    const colours = { ...root, ...overrides };
    for (const tone of [1, 2, 3, 4, 5]) {
      const colour = resolve(colours[`tone${tone}`]!, colours);
      for (const background of ['bg', 'surface']) {
        const ratio = contrast(colour, resolve(root[background]!, colours));
        assert.ok(
          ratio >= 4.5,
          `${palette} tone ${tone} ${colour} on --${background}: ${ratio.toFixed(2)}:1`,
        );
      }
    }
  });
}

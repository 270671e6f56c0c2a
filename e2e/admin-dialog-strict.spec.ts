import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { build } from 'esbuild';

/**
 * `next build` never runs StrictMode's double effects, so the dialog is bundled here in React's
 * development build, inside <StrictMode>, as `npm run dev` serves it.
 */
async function harnessScript(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL('./support/strict-dialog-harness.tsx', import.meta.url))],
    bundle: true,
    write: false,
    // Nothing is written; CSS modules just need an output path to be named against.
    outdir: 'dialog-harness',
    format: 'iife',
    jsx: 'automatic',
    loader: { '.css': 'local-css' },
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  return result.outputFiles.find((file) => file.path.endsWith('.js'))!.text;
}

test('under StrictMode the confirmation dialog stays open until the admin closes it', async ({
  page,
}) => {
  await page.setContent('<div id="root"></div>');
  await page.addScriptTag({ content: await harnessScript() });
  await page.getByRole('button', { name: 'Open' }).click();
  const dialog = page.getByRole('dialog', { name: 'Invalidate tts?' });
  await expect(dialog).toBeVisible();
  // The old dialog closed itself within 25 ms; give a stale close event ample time to arrive.
  await page.waitForTimeout(500);
  await expect(dialog).toBeVisible();
  await expect(page.getByLabel('closes')).toHaveText('0');

  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await page.getByRole('button', { name: 'Open' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.getByLabel('closes')).toHaveText('2');
});

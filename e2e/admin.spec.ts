import { expect, test, type Locator, type Page } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from './support/constants';

async function playFirstPhrase(page: Page): Promise<string> {
  const card = page.getByTestId('phrase-card').first();
  const audio = card.getByTestId('phrase-audio');
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/tts') && r.ok());
  await card.getByRole('button', { name: /at 1× speed/ }).click();
  return (
    (await (await answered).headerValue('x-cache')) ??
    (await audio.getAttribute('data-cache')) ??
    ''
  );
}

function ttsCard(admin: Page): Locator {
  return admin.getByRole('region', { name: 'tts', exact: true });
}

test('an admin sees the TTS hit rate rise, invalidates the namespace and finds the audit entry', async ({
  browser,
}) => {
  const admin = await (await browser.newContext()).newPage();
  const learner = await (await browser.newContext()).newPage();

  // Unauthenticated visitors are sent to the login page.
  await admin.goto('/admin');
  await expect(admin).toHaveURL(/\/admin\/login/);
  await admin.getByLabel('Admin password or token').fill(E2E_ADMIN_TOKEN);
  await admin.getByRole('button', { name: /log in|sign in/i }).click();
  await expect(admin.getByRole('heading', { name: 'Cache dashboard' })).toBeVisible();
  // This suite's server starts on an empty cache: the dashboard says so instead of showing red.
  await expect(admin.getByTestId('no-traffic')).toBeVisible();
  await expect(admin.getByText('below target')).toHaveCount(0);

  // A learner in another browser context plays the same phrase three times: one miss, then hits.
  await learner.goto('/');
  await learner.getByRole('region', { name: 'HSK 1' }).getByRole('link').first().click();
  const statuses = [];
  for (let i = 0; i < 3; i += 1) statuses.push(await playFirstPhrase(learner));
  expect(statuses.slice(1)).toEqual(['HIT', 'HIT']);

  // The dashboard refreshes itself (no reload) and shows the TTS hits.
  await expect
    .poll(
      async () => {
        const text = (await ttsCard(admin).textContent()) ?? '';
        return Number(
          /Hits \/ misses \/ stale \(24 h\)\s*([\d,]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? 0,
        );
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(2);
  await expect(
    ttsCard(admin)
      .getByText(/only \d+ reads so far/)
      .first(),
  ).toBeVisible();

  // Invalidate the whole TTS namespace: the confirmation needs the namespace typed in. The write
  // is the dashboard's Server Action (a POST to /admin), not the programmatic /api route.
  const writes: string[] = [];
  admin.on('request', (request) => {
    if (request.method() !== 'POST') return;
    const action = request.headers()['next-action'];
    writes.push(action ? `action ${new URL(request.url()).pathname}` : request.url());
  });
  await admin.getByLabel('What to invalidate').selectOption('namespace');
  await admin.getByLabel('Namespace', { exact: true }).selectOption('tts');
  await admin.getByRole('button', { name: 'Review…' }).click();
  const dialog = admin.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Invalidate' })).toBeDisabled();
  await dialog.getByRole('textbox').fill('tts');
  await dialog.getByRole('button', { name: 'Invalidate' }).click();
  await expect(dialog).toBeHidden();
  await expect(admin.getByText(/Done: the whole tts namespace \(\d+ affected\)/)).toBeVisible();
  expect(writes).toEqual(['action /admin']);

  // The learner's next play is a miss: the cached URL is gone on every instance.
  expect(await playFirstPhrase(learner)).toBe('MISS');

  // The audit log shows who did what.
  const audit = admin.getByRole('region', { name: 'Audit log' });
  await expect(
    audit.getByRole('row').filter({ hasText: 'namespace' }).filter({ hasText: 'tts' }),
  ).toBeVisible({
    timeout: 15_000,
  });
});

test('logging out is a plain form: it works before the page’s scripts have loaded', async ({
  browser,
}) => {
  const context = await browser.newContext();
  const login = await context.newPage();
  await login.goto('/admin/login');
  await login.getByLabel('Admin password or token').fill(E2E_ADMIN_TOKEN);
  await login.getByRole('button', { name: /log in|sign in/i }).click();
  await expect(login.getByRole('heading', { name: 'Cache dashboard' })).toBeVisible();

  // The app's bundles never arrive (a slow or failed download): React never hydrates the page.
  // The inline stream scripts still reveal what app/admin/loading.tsx stood in for; with
  // JavaScript off altogether the page would stay on that skeleton, as every streamed page does.
  const admin = await context.newPage();
  const blocked: string[] = [];
  await admin.route('**/_next/static/**/*.js', (route) => {
    blocked.push(route.request().url());
    return route.abort();
  });
  await admin.goto('/admin');
  await expect(admin.getByRole('heading', { name: 'Cache dashboard' })).toBeVisible();
  await admin.getByRole('button', { name: 'Log out' }).click();
  await expect(admin).toHaveURL(/\/admin\/login$/);
  expect(blocked.length).toBeGreaterThan(0);

  // The session is over for every door: the page and the API both refuse it now.
  await login.goto('/admin');
  await expect(login).toHaveURL(/\/admin\/login$/);
  expect((await login.request.get('/api/admin/cache/overview')).status()).toBe(401);
});

test('a password typed and sent before the page’s scripts have run still logs in', async ({
  browser,
}) => {
  // A slow connection: the login form is on screen well before React hydrates it. Hold the
  // app's bundles back until the admin has typed and pressed the button.
  const page = await (await browser.newContext()).newPage();
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_next/static/**/*.js', async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('/admin/login', { waitUntil: 'domcontentloaded' });
  await page.getByLabel('Admin password or token').fill(E2E_ADMIN_TOKEN);
  const pressed = page.getByRole('button', { name: /log in|sign in/i }).click();
  release();
  await pressed;
  await expect(page.getByRole('heading', { name: 'Cache dashboard' })).toBeVisible();
});

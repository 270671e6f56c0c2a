import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NextRequest } from 'next/server';
import { unstable_doesMiddlewareMatch } from 'next/experimental/testing/server';
import { config, proxy } from '@/proxy';
import { LEARNER_COOKIE, issueLearnerCookie, learnerIdFromCookie } from '@/lib/learner/cookie';

const matches = (path: string) => unstable_doesMiddlewareMatch({ config, url: path });

test('a first visit gets a signed learner cookie, on the response and on the forwarded request', () => {
  const response = proxy(new NextRequest('http://localhost/review'));

  const issued = response.cookies.get(LEARNER_COOKIE);
  assert.ok(issued, 'the browser is sent a learner cookie');
  const learnerId = learnerIdFromCookie(issued.value);
  assert.ok(learnerId, 'the cookie carries a valid signed learner id');
  assert.equal(issued.httpOnly, true);
  assert.equal(issued.sameSite, 'lax');
  // The same render must see the learner: Next forwards overridden request cookies this way.
  assert.match(response.headers.get('x-middleware-request-cookie') ?? '', new RegExp(issued.value));
});

test('a visitor with a valid cookie keeps it, and a forged one is replaced', () => {
  const existing = issueLearnerCookie();
  const kept = proxy(
    new NextRequest('http://localhost/', {
      headers: { cookie: `${LEARNER_COOKIE}=${existing.value}` },
    }),
  );
  assert.equal(kept.cookies.get(LEARNER_COOKIE), undefined, 'no new cookie for a known learner');

  const forged = `${existing.learnerId}.not-the-signature`;
  const replaced = proxy(
    new NextRequest('http://localhost/', { headers: { cookie: `${LEARNER_COOKIE}=${forged}` } }),
  );
  const fresh = replaced.cookies.get(LEARNER_COOKIE);
  assert.ok(
    fresh && learnerIdFromCookie(fresh.value),
    'a forged cookie is swapped for a signed one',
  );
  assert.notEqual(learnerIdFromCookie(fresh.value), existing.learnerId);
});

test('the proxy runs on pages but not on API routes or static assets', () => {
  for (const page of ['/', '/review', '/lessons/hsk1-1', '/lessons/hsk1-1/chat']) {
    assert.equal(matches(page), true, `${page} is a page`);
  }
  for (const asset of [
    '/api/progress',
    '/api/reviews',
    '/_next/static/chunks/app.js',
    '/_next/image?url=%2Flogo.png&w=64&q=75',
    '/favicon.ico',
    '/fonts/noto-sans-sc.woff2',
    '/icons/logo.svg',
  ]) {
    assert.equal(matches(asset), false, `${asset} is not a page`);
  }
});

test('a Server Action call without a learner cookie is not given one: the action refuses it', () => {
  const action = proxy(
    new NextRequest('http://localhost/review', {
      method: 'POST',
      headers: { 'next-action': '7f00aa', origin: 'http://localhost' },
    }),
  );
  assert.equal(action.cookies.get(LEARNER_COOKIE), undefined, 'no learner minted for an action');
  assert.doesNotMatch(action.headers.get('x-middleware-request-cookie') ?? '', /ts_learner/);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GET } from '@/app/api/strokes/[character]/route';
import { baseSecurityHeaders } from '@/lib/security/content-security-policy';

const get = (character: string) =>
  GET(new Request(`http://localhost/api/strokes/${encodeURIComponent(character)}`), {
    params: Promise.resolve({ character: encodeURIComponent(character) }),
  });

describe('stroke-order data served by the app', () => {
  it("serves a character's strokes from the bundled hanzi-writer-data, cacheable for good", async () => {
    const response = await get('你');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('cache-control') ?? '', /immutable/);
    const data = (await response.json()) as { strokes: string[]; medians: unknown[] };
    assert.equal(data.strokes.length, 7, '你 has seven strokes');
    assert.equal(data.medians.length, 7);
  });

  it('refuses anything but one Chinese character with a 400 naming the field', async () => {
    for (const bad of ['../package', '你好', 'a', '']) {
      const response = await get(bad);
      assert.equal(response.status, 400, bad);
      const body = (await response.json()) as { error: { field: string } };
      assert.equal(body.error.field, 'character');
    }
  });
});

describe('the microphone permission "Say it" needs', () => {
  it('is granted to the app itself only, with camera and the rest still off', () => {
    const policy = baseSecurityHeaders({ production: true }).find(
      (header) => header.key === 'Permissions-Policy',
    )?.value;
    assert.match(policy ?? '', /(^|, )microphone=\(self\)(,|$)/);
    assert.match(policy ?? '', /(^|, )camera=\(\)(,|$)/);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientIp } from '@/lib/http/client-ip';

// The address the per-IP limits (speech, chat, admin login) count a request against. Each proxy
// in front of the app appends the address it was connected from to X-Forwarded-For; anything
// further left was written by the client and must not choose (or split) its budget.

function request(headers: Record<string, string>): Request {
  return new Request('http://localhost/api/tts', { method: 'POST', headers });
}

const forwarded = (value: string, extra: Record<string, string> = {}) =>
  request({ 'x-forwarded-for': value, ...extra });

describe('clientIp', () => {
  it('behind one proxy, the entry it appended is the client; entries the client sent are ignored', () => {
    assert.equal(clientIp(forwarded('203.0.113.7'), 1), '203.0.113.7');
    assert.equal(clientIp(forwarded('10.0.0.1, 198.51.100.9 ,203.0.113.7'), 1), '203.0.113.7');
  });

  it('behind a CDN and a load balancer, clients of the same CDN node keep their own addresses', () => {
    const cdn = '198.51.100.20';
    assert.equal(clientIp(forwarded(`203.0.113.7, ${cdn}`), 2), '203.0.113.7');
    assert.equal(clientIp(forwarded(`203.0.113.8, ${cdn}`), 2), '203.0.113.8');
    // A client that prepends made-up hops still lands on the address the CDN saw.
    assert.equal(clientIp(forwarded(`1.1.1.1, 2.2.2.2, 203.0.113.7, ${cdn}`), 2), '203.0.113.7');
  });

  it('a request that came through fewer proxies than configured uses the leftmost entry', () => {
    assert.equal(clientIp(forwarded('203.0.113.7'), 2), '203.0.113.7');
    assert.equal(clientIp(forwarded('203.0.113.7, 198.51.100.20'), 3), '203.0.113.7');
  });

  it('with 0 hops X-Forwarded-For is ignored; only a proxy-set X-Real-IP counts', () => {
    assert.equal(clientIp(forwarded('203.0.113.7'), 0), 'unknown');
    assert.equal(
      clientIp(forwarded('203.0.113.7', { 'x-real-ip': ' 198.51.100.4 ' }), 0),
      '198.51.100.4',
    );
  });

  it('an empty or blank header falls back to X-Real-IP, then to "unknown"', () => {
    assert.equal(clientIp(request({}), 1), 'unknown');
    assert.equal(clientIp(forwarded(''), 1), 'unknown');
    assert.equal(clientIp(forwarded(' , ,'), 1), 'unknown');
    assert.equal(clientIp(forwarded(' , ', { 'x-real-ip': '198.51.100.4' }), 1), '198.51.100.4');
    // Empty entries are not hops: ", 203.0.113.7," behind one proxy is still 203.0.113.7.
    assert.equal(clientIp(forwarded(', 203.0.113.7,'), 1), '203.0.113.7');
  });

  it('reads IPv6 addresses, and drops the port some proxies append', () => {
    assert.equal(clientIp(forwarded('2001:db8::1'), 1), '2001:db8::1');
    assert.equal(clientIp(forwarded('10.0.0.1, 2001:db8::1, 2001:db8::ff'), 2), '2001:db8::1');
    assert.equal(clientIp(forwarded('::ffff:203.0.113.7'), 1), '::ffff:203.0.113.7');
    assert.equal(clientIp(forwarded('[2001:db8::1]:51234'), 1), '2001:db8::1');
    assert.equal(clientIp(forwarded('203.0.113.7:51234'), 1), '203.0.113.7');
  });

  it('anything that is not one address becomes "unknown", so it cannot mint Redis keys', () => {
    for (const junk of [
      'evil',
      'unknown-proxy',
      '203.0.113.7 203.0.113.8',
      '203.0.113.7;rm',
      '999.1.1.1',
      `fe80::1%${'a'.repeat(10_000)}`,
      `203.0.113.${'7'.repeat(10_000)}`,
    ]) {
      assert.equal(clientIp(forwarded(junk), 1), 'unknown', junk.slice(0, 40));
      assert.equal(clientIp(request({ 'x-real-ip': junk }), 1), 'unknown', junk.slice(0, 40));
    }
    // A junk entry in the client's position is not skipped over to one the client also wrote.
    assert.equal(clientIp(forwarded('203.0.113.7, evil, 198.51.100.20'), 2), 'unknown');
  });
});

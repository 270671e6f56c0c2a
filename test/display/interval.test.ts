import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatInterval } from '@/lib/display/interval';
import { parseReviewDirection } from '@/lib/display/review-direction';

test('rating buttons label intervals the way Anki does', () => {
  assert.equal(formatInterval(60), '1 min');
  assert.equal(formatInterval(600), '10 min');
  assert.equal(formatInterval(3 * 3600), '3 h');
  assert.equal(formatInterval(4 * 86400), '4 d');
  assert.equal(formatInterval(62 * 86400), '2 mo');
  assert.equal(formatInterval(548 * 86400), '1.5 y');
});

test('an unknown review direction in the URL falls back to reading', () => {
  assert.equal(parseReviewDirection('listening'), 'listening');
  assert.equal(parseReviewDirection('speaking'), 'speaking');
  assert.equal(parseReviewDirection('sideways'), 'reading');
  assert.equal(parseReviewDirection(undefined), 'reading');
});

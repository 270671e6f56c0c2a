import assert from 'node:assert/strict';
import { test } from 'node:test';
import { streakDays } from '@/lib/progress/calendar';

test('a streak counts consecutive UTC days with a review, ending today', () => {
  assert.equal(streakDays(['2025-03-01', '2025-03-02', '2025-03-03'], '2025-03-03'), 3);
});

test('a streak survives until the end of a day that has no review yet', () => {
  assert.equal(streakDays(['2025-03-01', '2025-03-02'], '2025-03-03'), 2);
});

test('a missed day breaks the streak', () => {
  assert.equal(streakDays(['2025-03-01', '2025-03-03'], '2025-03-03'), 1);
  assert.equal(streakDays(['2025-03-01', '2025-03-02'], '2025-03-04'), 0);
  assert.equal(streakDays([], '2025-03-04'), 0);
});

test('a streak runs across month and year ends', () => {
  assert.equal(streakDays(['2024-12-30', '2024-12-31', '2025-01-01'], '2025-01-01'), 3);
  assert.equal(streakDays(['2024-02-28', '2024-02-29', '2024-03-01'], '2024-03-01'), 3);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import {
  lessonPlan,
  lessonPlansByLevel,
  parseContent,
  wordNotes,
} from '@/lib/curriculum/lesson-plan';

test('the shipped content files are valid and teach both HSK levels', () => {
  const levels = lessonPlansByLevel();
  assert.deepEqual(
    levels.map(([level]) => level),
    [1, 2],
  );
  for (const [, plans] of levels) assert.ok(plans.length > 5);
  assert.equal(wordNotes().readings['谢谢'], 'xie4 xie5');
});

test('a typo in a content file is refused with the file, lesson and field named', () => {
  const [[, plans]] = lessonPlansByLevel() as [[number, unknown[]]];
  const broken = structuredClone(plans) as { sentences: { reading?: string }[] }[];
  broken[2]!.sentences[0]!.reading = 'ni hao';
  assert.throws(
    () => parseContent(z.array(lessonPlan), broken, 'content/hsk1-lessons.json'),
    /^Error: content\/hsk1-lessons\.json: 2\.sentences\.0\.reading: expected "ni3 hao3"/,
  );
});

'use client';

import { useCallback, useMemo, useState } from 'react';
import { PlayButtons } from '@/app/_components/play-buttons';
import { pinyinProNumbered } from '@/lib/curriculum/pinyin';
import { expectedTones } from '@/lib/speak/expected-tones';
import { scorePhrase, type PhraseScore } from '@/lib/speak/score-phrase';
import type { Recording } from '@/lib/speak/wav';
import { ToneContourChart } from './tone-contour-chart';
import tool from '../card-tool.module.css';
import styles from './say-it.module.css';
import { useUtteranceRecorder, type RecorderState } from './use-utterance-recorder';

const PROMPTS: Record<RecorderState, string> = {
  idle: '',
  'waiting-for-quiet': 'Getting ready… (a moment of quiet)',
  listening: 'Listening: say the phrase now.',
  capturing: 'Recording… (it stops when you pause)',
  done: 'Scoring…',
  denied: 'The microphone is blocked: allow it for this site to practise aloud.',
};

type Outcome = { kind: 'none' } | { kind: 'silent' } | { kind: 'scored'; result: PhraseScore };

/** Puts a result into the learner's progress; a failure costs only the count, never the result. */
function savePractice(phraseId: number, result: PhraseScore) {
  const missedTones = result.syllables.flatMap((syllable) =>
    syllable.correct ? [] : [syllable.expected],
  );
  void fetch('/api/practice', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phraseId, score: result.score, missedTones }),
  }).catch(() => {});
}

export type SayItProps = { hanzi: string; reading?: string; phraseId?: number };

/** Records the learner saying `hanzi`, scores the tones in the browser and shows the result. */
export function SayItPanel({ hanzi, reading, phraseId }: SayItProps) {
  const expected = useMemo(
    () => expectedTones(hanzi, reading ?? pinyinProNumbered(hanzi)),
    [hanzi, reading],
  );
  const [outcome, setOutcome] = useState<Outcome>({ kind: 'none' });
  const onRecorded = useCallback(
    (recording: Recording | null) => {
      const result = recording ? scorePhrase(recording, expected) : null;
      if (!result?.heardVoice) return setOutcome({ kind: 'silent' });
      setOutcome({ kind: 'scored', result });
      if (phraseId !== undefined) savePractice(phraseId, result);
    },
    [expected, phraseId],
  );
  const recorder = useUtteranceRecorder(onRecorded);
  const recording = ['waiting-for-quiet', 'listening', 'capturing'].includes(recorder.state);

  return (
    <section className={tool.panel} aria-label={`Say ${hanzi}`} data-testid="say-it-panel">
      <div className={tool.controls}>
        {recording ? (
          <button type="button" className={tool.button} onClick={recorder.stop}>
            ■ Stop
          </button>
        ) : (
          <button type="button" className={tool.button} onClick={() => void recorder.start()}>
            ● {outcome.kind === 'none' ? 'Record' : 'Try again'}
          </button>
        )}
        <span className={styles.hear}>
          Hear it: <PlayButtons text={hanzi} label={hanzi} />
        </span>
      </div>
      <p role="status" className={tool.status}>
        {PROMPTS[recorder.state]}
        {outcome.kind === 'silent' &&
          !recording &&
          'No voice was heard. Try again, a little louder.'}
      </p>
      {outcome.kind === 'scored' && (
        <div>
          <p className={styles.score}>
            Tones right: <strong data-testid="say-it-score">{outcome.result.score}%</strong>
          </p>
          <ToneContourChart syllables={outcome.result.syllables} />
          <p className={styles.legend}>
            Dashed: the tone to say. Solid: your voice, within your own range.
          </p>
          {outcome.result.tips.length > 0 && (
            <ul className={styles.tips} aria-label="Tips">
              {outcome.result.tips.map((tip) => (
                <li key={tip}>{tip}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}

'use client';

import { replySegments } from '@/lib/display/tutor-reply';
import { PlayButtons } from './play-buttons';
import phraseStyles from './phrase-text.module.css';
import styles from './tutor-chat.module.css';

/**
 * A tutor reply as the learner reads every other phrase in the app: each Chinese phrase given
 * with its pinyin is tone-coloured and has a play button (the `.practice` span is where a
 * speaking control goes next to it); the rest is plain text.
 */
export function TutorReply({ text }: { text: string }) {
  return replySegments(text).map((segment, index) =>
    segment.kind === 'text' ? (
      <span key={index}>{segment.text}</span>
    ) : (
      <span key={index} className={styles.phrase}>
        <span lang="zh-CN">
          {segment.syllables.map((syllable, at) => (
            <span
              key={at}
              className={syllable.tone ? phraseStyles[`tone${syllable.tone}`] : undefined}
            >
              {syllable.text}
            </span>
          ))}
        </span>
        <span className="pinyin">{segment.after}</span>
        <span className={styles.practice}>
          <PlayButtons text={segment.hanzi} label={segment.hanzi} speeds={[1]} />
        </span>
      </span>
    ),
  );
}

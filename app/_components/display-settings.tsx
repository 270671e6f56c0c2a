'use client';

import { useState } from 'react';
import { DISPLAY_COOKIE, TONE_PALETTES, type DisplaySettings } from '@/lib/display/settings';
import styles from './display-settings.module.css';

const TONES = [
  { tone: 1, name: '1st (high)', sample: 'mā' },
  { tone: 2, name: '2nd (rising)', sample: 'má' },
  { tone: 3, name: '3rd (dip)', sample: 'mǎ' },
  { tone: 4, name: '4th (falling)', sample: 'mà' },
  { tone: 5, name: 'neutral', sample: 'ma' },
] as const;

/** Pinyin on/off, spoken or dictionary tones, and the tone palette, applied at once and remembered in a cookie. */
export function DisplaySettingsPanel({ initial }: { initial: DisplaySettings }) {
  const [settings, setSettings] = useState(initial);

  function update(next: DisplaySettings) {
    setSettings(next);
    document.documentElement.dataset.tones = next.tones;
    document.documentElement.dataset.pinyin = next.pinyin ? 'on' : 'off';
    document.documentElement.dataset.sandhi = next.sandhi ? 'spoken' : 'citation';
    document.cookie = `${DISPLAY_COOKIE}=${encodeURIComponent(JSON.stringify(next))}; path=/; max-age=31536000; samesite=lax`;
  }

  return (
    <div className={styles.panel}>
      <label className={styles.control}>
        <input
          type="checkbox"
          checked={settings.pinyin}
          onChange={(event) => update({ ...settings, pinyin: event.target.checked })}
        />
        Show pinyin
      </label>
      <label className={styles.control}>
        <input
          type="checkbox"
          checked={settings.sandhi}
          onChange={(event) => update({ ...settings, sandhi: event.target.checked })}
        />
        Tones as spoken (<span lang="zh-CN">不是</span> bú shì; off: dictionary tones)
      </label>
      <label className={styles.control}>
        Tone colours
        <select
          value={settings.tones}
          onChange={(event) =>
            update({ ...settings, tones: event.target.value as DisplaySettings['tones'] })
          }
        >
          {TONE_PALETTES.map((palette) => (
            <option key={palette} value={palette}>
              {palette}
            </option>
          ))}
        </select>
      </label>
      <ul className={styles.legend} aria-label="Tone colour legend">
        {TONES.map(({ tone, name, sample }) => (
          <li key={tone} style={{ color: `var(--tone${tone})` }}>
            <strong>{sample}</strong> {name}
          </li>
        ))}
      </ul>
    </div>
  );
}

import type { SeriesPoint } from '@/lib/admin/stats-summary';
import { percent } from './format';
import styles from './admin.module.css';

const WIDTH = 600;
const HEIGHT = 200;
const PAD = { left: 40, right: 8, top: 8, bottom: 24 };

export interface ChartSeries {
  name: string;
  points: SeriesPoint[];
}

/**
 * Per-minute hit rate, plain inline SVG (bundled, no chart library, nothing from a CDN). Minutes
 * without reads are gaps, not zeros: "no traffic" must not look like "all misses".
 */
export function HitRateChart({ series, target }: { series: ChartSeries[]; target: number }) {
  const minutes = series[0]?.points.length ?? 0;
  const x = (index: number) =>
    PAD.left + (minutes <= 1 ? 0 : (index / (minutes - 1)) * (WIDTH - PAD.left - PAD.right));
  const y = (rate: number) => PAD.top + (1 - rate) * (HEIGHT - PAD.top - PAD.bottom);
  const overall = series[0];
  const latest = overall?.points.findLast((point) => point.hitRate !== null)?.hitRate ?? null;

  return (
    <figure className={styles.chart}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby="hit-rate-chart-title hit-rate-chart-desc"
      >
        <title id="hit-rate-chart-title">Hit rate per minute, last {minutes} minutes</title>
        <desc id="hit-rate-chart-desc">
          {`Latest overall hit rate ${percent(latest)} against a target of ${percent(target)}.`}
        </desc>
        {[0, 0.25, 0.5, 0.75, 1].map((tick) => (
          <g key={tick} className={styles.chartGrid}>
            <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
            <text x={PAD.left - 4} y={y(tick) + 4} textAnchor="end">
              {tick * 100}%
            </text>
          </g>
        ))}
        <line
          className={styles.chartTarget}
          x1={PAD.left}
          x2={WIDTH - PAD.right}
          y1={y(target)}
          y2={y(target)}
        />
        <text className={styles.chartAxis} x={PAD.left} y={HEIGHT - 6}>
          −{minutes} min
        </text>
        <text className={styles.chartAxis} x={WIDTH - PAD.right} y={HEIGHT - 6} textAnchor="end">
          now
        </text>
        {series.map((line, index) => (
          <path
            key={line.name}
            className={`${styles.chartLine} ${styles[`series${index}`] ?? ''}`}
            d={pathOf(line.points, x, y)}
          />
        ))}
      </svg>
      <figcaption>
        <ul className={styles.legend}>
          {series.map((line, index) => (
            <li key={line.name}>
              <span className={`${styles.swatch} ${styles[`series${index}`] ?? ''}`} aria-hidden />
              {line.name}
            </li>
          ))}
          <li>
            <span className={`${styles.swatch} ${styles.targetSwatch}`} aria-hidden />
            target {percent(target)}
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}

/** One `M` per run of minutes with data, so gaps stay gaps; a lone minute draws as a dot. */
function pathOf(points: SeriesPoint[], x: (index: number) => number, y: (rate: number) => number) {
  let d = '';
  let drawing = false;
  points.forEach((point, index) => {
    if (point.hitRate === null) {
      drawing = false;
      return;
    }
    const command = drawing ? 'L' : 'M';
    d += `${command}${x(index).toFixed(1)} ${y(point.hitRate).toFixed(1)} `;
    if (!drawing) d += 'l0 0 ';
    drawing = true;
  });
  return d.trim();
}

import { z } from 'zod';
import type { NumberChange, NumberData } from '../../shared/views/number.js';
import type { HistoryPoint } from '../store/history.js';
import { bucketWidth, downsample } from './downsample.js';
import { globMatcher } from './glob.js';
import { typicalStep } from './series-gaps.js';
import { seriesStatus } from './series-status.js';
import { effectiveThreshold, thresholdOption } from './threshold-option.js';
import { defineTileKind } from './tile-kind.js';
import { noSeriesReason } from './no-series-reason.js';

const SPARK_POINTS = 120;

/**
 * One value, large, coloured by its thresholds, with its change over the last N minutes.
 * The comparison is anchored at the newest reading, so the view only changes when data arrives.
 */
export const numberTile = defineTileKind({
  widget: 'number',
  description: 'One value large with threshold colouring and its change since N minutes ago.',
  consumes: 'metrics',
  options: z
    .object({
      series: z.string().min(1).describe('The series name (or a glob matching exactly one), e.g. "db1/df/_var"'),
      compareMinutes: z.number().positive().max(31 * 24 * 60).default(60).describe('Show the change since this long ago'),
      decimals: z.number().int().min(0).max(6).optional().describe('Decimal places; default by magnitude'),
      warning: thresholdOption.optional().describe('Number = upper bound, or a munin range ("10:", "5:10"); overrides the source'),
      critical: thresholdOption.optional().describe('Number = upper bound, or a munin range; overrides the source'),
    })
    .strict(),
  project({ options, reading, history }) {
    const compareMs = options.compareMinutes * 60_000;
    const empty: NumberData = {
      key: null,
      label: '',
      unit: '',
      current: null,
      decimals: options.decimals ?? null,
      warning: effectiveThreshold(options.warning, null),
      critical: effectiveThreshold(options.critical, null),
      detail: null,
      compareMs,
      change: null,
      points: [],
    };
    if (!reading) return { status: 'unknown', data: empty };
    const matches = reading.samples.filter((s) => globMatcher([options.series])(s.series));
    const sample = matches[0];
    if (!sample) return { status: 'unknown', data: empty, reason: noSeriesReason(options.series, reading.samples.length) };

    const { status, warning, critical, detail } = seriesStatus(sample, options);
    const points = history(sample.series);
    const from = reading.at - compareMs;
    const data: NumberData = {
      key: sample.series,
      label: sample.label,
      unit: sample.unit,
      current: sample.value,
      decimals: options.decimals ?? null,
      warning,
      critical,
      detail,
      compareMs,
      change: change(sample.value, points, reading.at, compareMs),
      points: downsample(points, from, bucketWidth(compareMs, SPARK_POINTS), 'avg'),
    };
    const ambiguity = matches.length > 1 ? `"${options.series}" matches ${matches.length} series; showing ${sample.series}` : null;
    return { status, data, reason: [sample.error, ambiguity].filter(Boolean).join(' · ') || null };
  },
});

/**
 * Change against the last non-null value at or before `at` (= `compareMs` before the newest reading),
 * but no older than `at - slack`: half the period, or the typical time between two readings when
 * that is longer (a source polled every 5 min compared over 1 min). Without that bound a tile
 * would compare against whatever came before an outage, hours ago, and call it "in 60 min".
 * The age of the value actually used is carried as `spanMs`. Null when no value qualifies.
 */
function change(current: number | null, points: readonly HistoryPoint[], newest: number, compareMs: number): NumberChange | null {
  if (current === null) return null;
  const at = newest - compareMs;
  const oldest = at - Math.max(compareMs / 2, typicalStep(points));
  for (let i = points.length - 1; i >= 0; i--) {
    const [t, value] = points[i]!;
    if (t < oldest) break;
    if (t > at || value === null) continue;
    const delta = current - value;
    return {
      since: t,
      spanMs: newest - t,
      previous: value,
      delta,
      percent: value === 0 ? null : (delta / Math.abs(value)) * 100,
      direction: delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat',
    };
  }
  return null;
}


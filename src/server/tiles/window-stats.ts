import type { HistoryPoint } from '../store/history.js';

interface WindowStats {
  min: number | null;
  avg: number | null;
  p95: number | null;
}

/** min / mean / 95th percentile (nearest rank) of the non-null values. */
export function windowStats(points: readonly HistoryPoint[]): WindowStats {
  const values = points.map((p) => p[1]).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return { min: null, avg: null, p95: null };
  values.sort((a, b) => a - b);
  const sum = values.reduce((a, b) => a + b, 0);
  const rank = Math.max(0, Math.ceil(0.95 * values.length) - 1);
  return { min: values[0]!, avg: sum / values.length, p95: values[rank]! };
}

/** The points of the last `windowMs` before `now`. History is sorted, so search from the end. */
export function lastWindow(points: readonly HistoryPoint[], now: number, windowMs: number): HistoryPoint[] {
  const from = now - windowMs;
  let i = points.length;
  while (i > 0 && points[i - 1]![0] >= from) i--;
  return points.slice(i);
}

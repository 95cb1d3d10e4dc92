import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import type { Threshold } from '../shared/threshold.js';
import type { DeployMark } from '../shared/views/deploy-marks.js';
import type { SeriesPoint } from '../shared/views/latency.js';
import { drawDeployMarks } from './deploy-marks.js';

/** The SVG skeleton a sparkline draws into; the widget renders it once per series and keeps it. */
export const SPARK_W = 1000;
export const SPARK_H = 300;

interface SparkInput {
  points: readonly SeriesPoint[];
  windowMs: number;
  warning: Threshold | null;
  critical: Threshold | null;
  deployMarks: readonly DeployMark[];
  /** The layer over the sparkline for the marks' labels; null: lines only. */
  markLabels: HTMLElement | null;
}

/**
 * Draws line, area, threshold bands and deploy marks into an existing `<svg viewBox="0 0 1000 300">`
 * holding the four `.band-*` rects, `.deploy-marks`, `.area` and `.line`. Only attributes change
 * between updates, so a tile that redraws every few seconds for weeks never grows its DOM.
 */
export function drawSparkline(svg: SVGSVGElement, input: SparkInput): void {
  const { points, windowMs, warning, critical } = input;
  const lastT = points.length ? points[points.length - 1]![0] : Date.now();
  const x = scaleLinear().domain([lastT - windowMs, lastT]).range([0, SPARK_W]);
  const y = scaleLinear().domain(sparkDomain(points, warning, critical)).range([SPARK_H, 0]);

  const root = select(svg);
  // a munin range is "outside is bad": shade above its max and below its min
  const above = (limit: number | null | undefined) =>
    limit === null || limit === undefined ? { y: 0, h: 0 } : { y: 0, h: clamp(y(limit)) };
  const below = (limit: number | null | undefined) =>
    limit === null || limit === undefined ? { y: 0, h: 0 } : { y: clamp(y(limit)), h: SPARK_H - clamp(y(limit)) };
  const bands: [string, { y: number; h: number }][] = [
    ['.band-warning-high', above(warning?.max)],
    ['.band-critical-high', above(critical?.max)],
    ['.band-warning-low', below(warning?.min)],
    ['.band-critical-low', below(critical?.min)],
  ];
  for (const [selector, band] of bands) {
    root.select(selector).attr('x', 0).attr('width', SPARK_W).attr('y', band.y).attr('height', band.h);
  }

  // the server puts a null in each gap (an outage, a failed poll): the line breaks there
  const defined = (p: SeriesPoint) => p[1] !== null;
  const lineGen = line<SeriesPoint>().defined(defined).x((p) => x(p[0])).y((p) => y(p[1]!));
  const areaGen = area<SeriesPoint>().defined(defined).x((p) => x(p[0])).y0(SPARK_H).y1((p) => y(p[1]!));
  root.select('.line').attr('d', lineGen(points) ?? '');
  root.select('.area').attr('d', areaGen(points) ?? '');
  drawDeployMarks({ lines: svg.querySelector<SVGGElement>('.deploy-marks'), labels: input.markLabels, width: SPARK_W, height: SPARK_H }, input.deployMarks, x);
}

/** How far past the data a limit may lie and still be drawn, as in the graph (graph-scales.ts). */
const LIMIT_REACH = 1.6;

/**
 * The vertical range of a sparkline: from 0 (or the lowest value, when negative) to the highest
 * value plus a little headroom. A warning or critical limit is brought into view only when it lies
 * within LIMIT_REACH × the data's extent, so the line can be read against it; a far-off limit would
 * flatten the line to the floor, so it is left out (its band is then simply off the chart: the data
 * is nowhere near it). Data beyond a limit shows its band anyway.
 */
export function sparkDomain(points: readonly SeriesPoint[], warning: Threshold | null, critical: Threshold | null): [number, number] {
  const values = points.map((p) => p[1]).filter((v): v is number => v !== null);
  let hi = values.length ? Math.max(...values) : 0;
  let lo = Math.min(0, values.length ? Math.min(...values) : 0);
  const dataHi = hi;
  const dataLo = lo;
  for (const limit of [warning?.max, critical?.max]) {
    if (limit != null && limit > dataHi && limit <= dataHi * LIMIT_REACH) hi = Math.max(hi, limit);
  }
  // a minimum below zero (rare: temperatures) is brought in by the same rule, mirrored
  for (const limit of [warning?.min, critical?.min]) {
    if (limit != null && limit < dataLo && limit >= dataLo * LIMIT_REACH) lo = Math.min(lo, limit);
  }
  const top = hi + (hi - lo) * 0.12;
  return top > lo ? [lo, top] : [lo, lo + 1];
}

function clamp(py: number): number {
  return Math.max(0, Math.min(SPARK_H, py));
}

import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import type { Threshold } from '../shared/threshold.js';
import type { SeriesPoint } from '../shared/views/latency.js';

/** The SVG skeleton a sparkline draws into; the widget renders it once per series and keeps it. */
export const SPARK_W = 1000;
export const SPARK_H = 300;

interface SparkInput {
  points: readonly SeriesPoint[];
  windowMs: number;
  warning: Threshold | null;
  critical: Threshold | null;
}

/**
 * Draws line, area and threshold bands into an existing `<svg viewBox="0 0 1000 300">` holding
 * the four `.band-*` rects, `.area` and `.line`. Only attributes change between updates,
 * so a tile that redraws every few seconds for weeks never grows its DOM.
 */
export function drawSparkline(svg: SVGSVGElement, input: SparkInput): void {
  const { points, windowMs, warning, critical } = input;
  const lastT = points.length ? points[points.length - 1]![0] : Date.now();
  const x = scaleLinear().domain([lastT - windowMs, lastT]).range([0, SPARK_W]);
  const values = points.map((p) => p[1]).filter((v): v is number => v !== null);
  const dataMax = values.length ? Math.max(...values) : 1;
  const dataMin = values.length ? Math.min(...values) : 0;
  // keep the warning limit in view so the line can be read against it
  const ceiling = Math.max(dataMax, warning?.max ?? 0, critical?.max && critical.max < dataMax * 1.6 ? critical.max : 0);
  const floor = Math.min(0, dataMin, warning?.min ?? 0, critical?.min ?? 0);
  const y = scaleLinear().domain([floor, ceiling * 1.12 || 1]).range([SPARK_H, 0]);

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

  // a gap (server down, restart) breaks the line instead of drawing a straight bridge across it
  const drawn = withGapBreaks(points);
  const defined = (p: SeriesPoint) => p[1] !== null;
  const lineGen = line<SeriesPoint>().defined(defined).x((p) => x(p[0])).y((p) => y(p[1]!));
  const areaGen = area<SeriesPoint>().defined(defined).x((p) => x(p[0])).y0(SPARK_H).y1((p) => y(p[1]!));
  root.select('.line').attr('d', lineGen(drawn) ?? '');
  root.select('.area').attr('d', areaGen(drawn) ?? '');
}

/** The points with a null inserted after every gap longer than 3 typical steps. */
function withGapBreaks(points: readonly SeriesPoint[]): SeriesPoint[] {
  if (points.length < 3) return [...points];
  const steps = points.slice(1).map((p, i) => p[0] - points[i]![0]).sort((a, b) => a - b);
  const typical = steps[Math.floor(steps.length / 2)]!;
  const out: SeriesPoint[] = [points[0]!];
  for (let i = 1; i < points.length; i++) {
    if (points[i]![0] - points[i - 1]![0] > typical * 3) out.push([points[i - 1]![0] + typical, null]);
    out.push(points[i]!);
  }
  return out;
}

function clamp(py: number): number {
  return Math.max(0, Math.min(SPARK_H, py));
}

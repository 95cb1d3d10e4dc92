import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { area, line } from 'd3-shape';
import type { TrendPoint, TrendSeries } from '../shared/views/trend.js';
import { revisionPosition } from './revision-ticks.js';

/** The SVG skeleton a panel draws into (`viewBox="0 0 1000 300"`, stretched to the panel); the widget renders it once per metric and keeps it. */
export const TREND_W = 1000;
export const TREND_H = 300;

/** Layer line colours: blue, orange, purple, lilac from the series palette — never status green, amber or red. */
export const LAYER_COLOURS = ['#56b4e9', '#e69f00', '#d17ab0', '#c7a0ff'] as const;

export interface TrendChartInput {
  series: TrendSeries;
  /** The x axis: the first and last ordinal shown (shared by every panel). */
  first: number;
  last: number;
  /** The first bad revision of the tile's regression, marked by a line across every panel; null when none holds. */
  firstBad: number | null;
}

/**
 * Draws one metric's panel into its kept SVG (`.band`, `.baseline`, `.first-bad`, `.layers`, `.line-metric`,
 * `.dots`, `.holes`): the band of normal values, the baseline, its layers as thin dashed lines, the
 * metric's line and a dot per result coloured by its verdict (an outlier as a ring). Only attributes
 * and keyed children change between updates, so a tile that redraws for weeks never grows its DOM.
 * Dots are zero-length strokes with round caps and non-scaling width, so they stay round in a
 * stretched SVG.
 */
export function drawTrendChart(svg: SVGSVGElement, input: TrendChartInput): void {
  const { series, first, last, firstBad } = input;
  const x = (ordinal: number) => revisionPosition(ordinal, first, last) * TREND_W;
  const y = scaleLinear().domain(trendDomain(series)).range([TREND_H, 0]);
  const root = select(svg);

  const judged = (p: TrendPoint) => p.low !== null && p.high !== null;
  const band = area<TrendPoint>().defined(judged).x((p) => x(p.ordinal)).y0((p) => y(p.low!)).y1((p) => y(p.high!));
  const baseline = line<TrendPoint>().defined((p) => p.baseline !== null).x((p) => x(p.ordinal)).y((p) => y(p.baseline!));
  root.select('.band').attr('d', band(series.points) ?? '');
  root.select('.baseline').attr('d', baseline(series.points) ?? '');
  const bad = firstBad !== null && firstBad >= first && firstBad <= last ? x(firstBad) : null;
  root.select('.first-bad').attr('d', bad === null ? '' : `M${bad},0V${TREND_H}`);

  const layerLine = line<[number, number]>().x((p) => x(p[0])).y((p) => y(p[1]));
  root
    .select('.layers')
    .selectAll<SVGPathElement, TrendSeries['layers'][number]>('path')
    .data(series.layers, (l) => l.layer)
    .join('path')
    .attr('stroke', (_l, i) => LAYER_COLOURS[i % LAYER_COLOURS.length]!)
    .attr('d', (l) => layerLine(l.points) ?? '');
  root.select('.line-metric').attr('d', line<TrendPoint>().x((p) => x(p.ordinal)).y((p) => y(p.value))(series.points) ?? '');

  const dot = (p: TrendPoint) => `M${x(p.ordinal)},${y(p.value)}h0`;
  root
    .select('.dots')
    .selectAll<SVGPathElement, TrendPoint>('path')
    .data(series.points, (p) => String(p.ordinal))
    .join('path')
    .attr('class', (p) => `dot v-${p.verdict}`)
    .attr('d', dot);
  root
    .select('.holes')
    .selectAll<SVGPathElement, TrendPoint>('path')
    .data(series.points.filter((p) => p.verdict === 'outlier'), (p) => String(p.ordinal))
    .join('path')
    .attr('class', 'hole')
    .attr('d', dot);
}

/**
 * The panel's vertical range: from 0 (or below, for a negative value) to the highest value, band top
 * or layer shown, plus room for the dots. From 0, so a move reads as its real size: +46 % looks like
 * half again, and noise looks like noise.
 */
export function trendDomain(series: TrendSeries): [number, number] {
  const values = [...series.points.map((p) => p.value), ...series.layers.flatMap((l) => l.points.map((p) => p[1]))];
  // the band's top is brought into view; its bottom may reach below zero on a noisy metric, where no value can go, so it is cut at the floor
  const highs = series.points.flatMap((p) => (p.high !== null ? [p.high] : []));
  const hi = values.length ? Math.max(...values, ...highs) : 1;
  const lo = Math.min(0, values.length ? Math.min(...values) : 0);
  const top = hi + (hi - lo) * 0.1;
  return top > lo ? [lo, top] : [lo, lo + 1];
}

import { scaleLinear } from 'd3-scale';
import type { TrendSeries } from '../shared/views/trend.js';
import type { RevisionTick } from './revision-ticks.js';
import { trendDomain } from './trend-chart.js';

/** A panel's plot needs this many of its label lines of height to show a line and two axis labels. */
export const MIN_PLOT_LINES = 3.2;
/** Panels shown at most, however tall the tile. */
export const MAX_PANELS = 6;

/**
 * How many panels keep a readable plot in a chart `chartPx` high, of which the revision axis takes
 * `axisPx`, with label lines `linePx` high: at least one, never a squashed one more.
 */
export function panelRoom(chartPx: number, axisPx: number, linePx: number): number {
  return Math.min(MAX_PANELS, Math.max(1, Math.floor((chartPx - axisPx) / (linePx * (1 + MIN_PLOT_LINES)))));
}

/** A panel's y axis: its bottom value, the top label (a round value under the domain's top) and where that sits, from the plot's top. */
export interface PanelAxis {
  lo: number;
  top: number;
  /** "12.5%": the top label's place from the top of the plot. */
  topAt: string;
}

export function panelAxis(s: TrendSeries): PanelAxis {
  const [lo, hi] = trendDomain(s);
  const top = scaleLinear().domain([lo, hi]).ticks(3).filter((t) => t > lo).pop() ?? hi;
  return { lo, top, topAt: `${(1 - (top - lo) / (hi - lo)) * 100}%` };
}

/** The same labels in the same places: no re-render needed. */
export function sameTicks(a: readonly RevisionTick[], b: readonly RevisionTick[]): boolean {
  return a.length === b.length && a.every((t, i) => t.ordinal === b[i]!.ordinal && t.anchor === b[i]!.anchor && t.at === b[i]!.at);
}

/** A revision label's place on the axis: at its tick, its start, middle or end there. */
export function tickStyle(t: RevisionTick): string {
  const shift = t.anchor === 'start' ? '0' : t.anchor === 'end' ? '-100%' : '-50%';
  return `left:${t.at * 100}%;transform:translateX(${shift})`;
}

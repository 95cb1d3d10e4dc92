import { formatSi } from './format-si.js';
import { DEFAULT_TICK_ROOM, type TickRoom } from './graph-scales.js';

const hoursMinutes = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const withSeconds = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });

/**
 * Room for tick labels in a plot `plotWidth` × `plotHeight` px with text `em` px high and x labels
 * `labelWidths` px wide: along x, the plot's width over the widest label (at least three ems) plus a
 * gap of two; along y, one label per two lines of height. Never more than DEFAULT_TICK_ROOM.
 */
export function tickRoomFor(plotWidth: number, plotHeight: number, em: number, labelWidths: readonly number[]): TickRoom {
  const label = Math.max(em * 3, ...labelWidths);
  const x = Math.max(1, Math.min(DEFAULT_TICK_ROOM.x, Math.floor(plotWidth / (label + em * 2))));
  const y = Math.max(2, Math.min(DEFAULT_TICK_ROOM.y, Math.floor(plotHeight / (em * 2)) + 1));
  return { x, y };
}

/** "14:05" under the x ticks, or "14:05:30" when they are less than a minute apart. */
export function axisTimeFormat(xTicks: readonly number[]): Intl.DateTimeFormat {
  const tickStep = xTicks.length > 1 ? xTicks[1]! - xTicks[0]! : Infinity;
  return tickStep < 60_000 ? withSeconds : hoursMinutes;
}

/** An x label at `fraction` of the plot's width: centred under its tick, except near the edges, where it would be cut off. */
export function xTickStyle(fraction: number): string {
  const shift = fraction > 0.93 ? '-100%' : fraction < 0.07 ? '0' : '-50%';
  return `left:${fraction * 100}%;transform:translateX(${shift})`;
}

/** The longest y tick label, to size the axis column once. */
export function widestTick(ticks: readonly number[], base: 1000 | 1024): string {
  return ticks.map((t) => formatSi(t, base)).reduce((a, b) => (b.length > a.length ? b : a), '');
}

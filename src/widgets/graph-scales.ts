import { scaleLinear, scaleTime } from 'd3-scale';
import { stack, stackOrderNone, type Series } from 'd3-shape';
import type { Threshold } from '../shared/threshold.js';
import type { GraphData } from '../shared/views/graph.js';

/** One time bucket across all series, for stacking: bucket start and each series' value. */
export interface StackRow {
  t: number;
  values: Map<string, number | null>;
  /** False when no series has a value here: the stack breaks instead of dropping to zero. */
  any: boolean;
}

export interface GraphScales {
  x: ReturnType<typeof scaleLinear<number, number>>;
  y: ReturnType<typeof scaleLinear<number, number>>;
  yTicks: number[];
  xTicks: number[];
  /** Stacked layers in series order (only when the tile stacks). */
  layers: Series<StackRow, string>[];
  /** Thresholds every series shares (e.g. load of all nodes); null when they differ. */
  warning: Threshold | null;
  critical: Threshold | null;
}

/** Plot coordinates: the SVG is drawn in a 1000×1000 box stretched over the plot area. */
export const PLOT = 1000;

/** How many tick labels the plot has room for along each axis (the widget measures it). */
export interface TickRoom {
  x: number;
  y: number;
}

export const DEFAULT_TICK_ROOM: TickRoom = { x: 5, y: 5 };

/**
 * Scales and ticks of a graph tile's data. The x axis ends at the newest reading (the server's
 * `to`), not at the display's clock, so a display with a wrong clock still draws correctly.
 */
export function graphScales(data: GraphData, room: TickRoom = DEFAULT_TICK_ROOM): GraphScales {
  const to = data.to ?? 0;
  const x = scaleLinear().domain([to - data.windowMs, to]).range([0, PLOT]);
  const layers = data.stacked ? stackLayers(data) : [];
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  if (data.stacked) {
    for (const layer of layers) for (const d of layer) if (d.data.any) (lo = Math.min(lo, d[0])), (hi = Math.max(hi, d[1]));
  } else {
    for (const s of data.series) for (const [, v] of s.points) if (v !== null) (lo = Math.min(lo, v)), (hi = Math.max(hi, v));
  }
  if (!Number.isFinite(lo)) (lo = 0), (hi = 1);
  const warning = shared(data, 'warning');
  const critical = shared(data, 'critical');
  // keep a nearby limit in view, so the line can be read against it; a far one would flatten the data
  for (const limit of [warning?.max, critical?.max]) if (limit != null && limit > hi && limit < hi * 1.6) hi = limit;
  lo = Math.min(0, lo);
  if (data.yMin !== null) lo = data.yMin;
  if (data.yMax !== null) hi = data.yMax;
  if (hi <= lo) hi = lo + 1;
  const yCount = Math.max(1, room.y - 1);
  const y = scaleLinear().domain([lo, hi]).range([PLOT, 0]);
  if (data.yMin === null && data.yMax === null) y.nice(yCount);
  const time = scaleTime().domain([new Date(to - data.windowMs), new Date(to)]);
  return {
    x,
    y,
    yTicks: thin(y.ticks(yCount), Math.max(2, room.y)),
    xTicks: data.to === null ? [] : thin(time.ticks(Math.max(1, room.x)).map((d) => d.getTime()), Math.max(1, room.x)),
    layers,
    warning,
    critical,
  };
}

/**
 * At most `room` of the ticks, keeping every k-th: d3 may return more ticks than asked for, and
 * labels at the wall's minimum size must not run into each other.
 */
export function thin(ticks: number[], room: number): number[] {
  if (ticks.length <= room) return ticks;
  const every = Math.ceil(ticks.length / room);
  return ticks.filter((_, i) => i % every === 0);
}

function stackLayers(data: GraphData): Series<StackRow, string>[] {
  const rows = new Map<number, StackRow>();
  for (const s of data.series) {
    for (const [t, v] of s.points) {
      let row = rows.get(t);
      if (!row) rows.set(t, (row = { t, values: new Map(), any: false }));
      row.values.set(s.key, v);
      if (v !== null) row.any = true;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.t - b.t);
  return stack<StackRow, string>()
    .keys(data.series.map((s) => s.key))
    .value((row, key) => row.values.get(key) ?? 0)
    .order(stackOrderNone)(sorted);
}

function shared(data: GraphData, which: 'warning' | 'critical'): Threshold | null {
  const first = data.series[0]?.[which] ?? null;
  if (!first) return null;
  return data.series.every((s) => s[which]?.min === first.min && s[which]?.max === first.max) ? first : null;
}

import { scaleBand, scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';

/** The units the risk widget's SVGs are drawn in (their viewBox); CSS sizes them, preserveAspectRatio="none". */
export const CELLS_W = 100;
export const CELLS_H = 10;
export const RPN_W = 100;
export const RPN_H = 10;

const SCALE = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;

interface Cell {
  value: number;
  /** Filled: up to the rating used now. */
  on: boolean;
}

/**
 * One rating on FMEA's 1–10 scale as ten cells (d3 band scale): filled up to `live`, the rest dim,
 * and a marker over the cell of `assessed` when the evidence moved it, so "assessed 2, observed 5"
 * reads as a gap between the marker and the end of the fill. Draws into an existing
 * `<svg viewBox="0 0 100 10">` holding `<g class="cells">` and `<rect class="assessed">`; only
 * attributes change between updates.
 */
export function drawRatingCells(svg: SVGSVGElement, live: number, assessed: number): void {
  const x = scaleBand<number>().domain(SCALE).range([0, CELLS_W]).paddingInner(0.18);
  const cells: Cell[] = SCALE.map((value) => ({ value, on: value <= live }));
  const root = select(svg);
  root
    .select<SVGGElement>('g.cells')
    .selectAll<SVGRectElement, Cell>('rect')
    .data(cells, (c) => String(c.value))
    .join('rect')
    .attr('x', (c) => x(c.value) ?? 0)
    .attr('y', 0)
    .attr('width', x.bandwidth())
    .attr('height', CELLS_H)
    .attr('class', (c) => (c.on ? 'on' : 'off'));
  const moved = assessed !== live;
  root
    .select('rect.assessed')
    .attr('x', x(assessed) ?? 0)
    .attr('y', 0)
    .attr('width', x.bandwidth())
    .attr('height', CELLS_H)
    .attr('visibility', moved ? 'visible' : 'hidden');
}

/**
 * The RPN as a bar on a linear scale from 0 to `scale` (the highest RPN the tile shows, so bars
 * compare across modes), with a tick where the assessed RPN would end when the live one differs.
 * Draws into an existing `<svg viewBox="0 0 100 10">` holding `rect.track`, `rect.fill` and `rect.assessed`.
 */
export function drawRpnBar(svg: SVGSVGElement, live: number, assessed: number, scale: number): void {
  const x = scaleLinear().domain([0, Math.max(1, scale)]).range([0, RPN_W]).clamp(true);
  const root = select(svg);
  root.select('rect.track').attr('x', 0).attr('y', 0).attr('width', RPN_W).attr('height', RPN_H);
  root.select('rect.fill').attr('x', 0).attr('y', 0).attr('width', x(live)).attr('height', RPN_H);
  const tick = Math.min(RPN_W - 1.2, Math.max(0, x(assessed) - 0.6));
  root
    .select('rect.assessed')
    .attr('x', tick)
    .attr('y', 0)
    .attr('width', 1.2)
    .attr('height', RPN_H)
    .attr('visibility', assessed !== live ? 'visible' : 'hidden');
}

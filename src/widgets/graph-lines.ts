import { select } from 'd3-selection';
import { area, line, type SeriesPoint as StackPoint } from 'd3-shape';
import type { GraphData, GraphSeries } from '../shared/views/graph.js';
import type { SeriesPoint } from '../shared/views/latency.js';
import { PLOT, type GraphScales, type StackRow } from './graph-scales.js';
import { seriesStyle } from './series-colours.js';
import { drawThresholdBands } from './threshold-bands.js';

/**
 * Draws a graph tile's chart into its kept `<svg viewBox="0 0 1000 1000">` holding `.bands`, `.grid`,
 * `.areas` and `.lines`: a grid line per y tick, the warning/critical bands the series share, and each
 * series in its colour and dash — stacked as areas with their top lines, or as lines (one series with a
 * soft area under it). Only attributes and keyed children change between updates, so a tile that
 * redraws for weeks never grows its DOM. Deploy marks are drawn apart (deploy-marks.ts).
 */
export function drawGraphChart(svg: SVGSVGElement, data: GraphData, scales: GraphScales): void {
  const chart = select(svg);
  const { x, y } = scales;

  chart
    .select('.grid')
    .selectAll<SVGLineElement, number>('line')
    .data(scales.yTicks, (t) => String(t))
    .join('line')
    .attr('x1', 0)
    .attr('x2', PLOT)
    .attr('y1', (t) => y(t))
    .attr('y2', (t) => y(t));

  drawThresholdBands(svg.querySelector('.bands'), scales.warning, scales.critical, y, PLOT);

  const styleOf = new Map(data.series.map((s, i) => [s.key, seriesStyle(i)]));
  const colourOf = new Map([...styleOf].map(([key, style]) => [key, style.colour]));
  if (data.stacked) {
    const stackedArea = area<StackPoint<StackRow>>()
      .defined((d) => d.data.any)
      .x((d) => x(d.data.t))
      .y0((d) => y(d[0]))
      .y1((d) => y(d[1]));
    const stackedTop = line<StackPoint<StackRow>>()
      .defined((d) => d.data.any)
      .x((d) => x(d.data.t))
      .y((d) => y(d[1]));
    chart
      .select('.areas')
      .selectAll<SVGPathElement, (typeof scales.layers)[number]>('path')
      .data(scales.layers, (l) => l.key)
      .join('path')
      .attr('class', 'area')
      .attr('fill', (l) => colourOf.get(l.key)!)
      .attr('fill-opacity', 0.5)
      .attr('d', (l) => stackedArea(l) ?? '');
    chart
      .select('.lines')
      .selectAll<SVGPathElement, (typeof scales.layers)[number]>('path')
      .data(scales.layers, (l) => l.key)
      .join('path')
      .attr('class', (l) => `line ${styleOf.get(l.key)!.dash}`)
      .attr('stroke', (l) => colourOf.get(l.key)!)
      .attr('d', (l) => stackedTop(l) ?? '');
    return;
  }
  const defined = (p: SeriesPoint) => p[1] !== null;
  const plotLine = line<SeriesPoint>().defined(defined).x((p) => x(p[0])).y((p) => y(p[1]!));
  const single = data.series.length === 1;
  const shade = area<SeriesPoint>().defined(defined).x((p) => x(p[0])).y0(PLOT).y1((p) => y(p[1]!));
  chart
    .select('.areas')
    .selectAll<SVGPathElement, GraphSeries>('path')
    // one series gets a soft area under its line; several would muddy each other
    .data(single ? data.series : [], (s) => s.key)
    .join('path')
    .attr('class', 'area')
    .attr('fill', (s) => colourOf.get(s.key)!)
    .attr('fill-opacity', 0.14)
    .attr('d', (s) => shade(s.points) ?? '');
  chart
    .select('.lines')
    .selectAll<SVGPathElement, GraphSeries>('path')
    .data(data.series, (s) => s.key)
    .join('path')
    .attr('class', (s) => `line ${styleOf.get(s.key)!.dash}`)
    .attr('stroke', (s) => colourOf.get(s.key)!)
    .attr('d', (s) => plotLine(s.points) ?? '');
}

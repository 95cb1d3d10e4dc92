import { css, html, svg } from 'lit';
import { select } from 'd3-selection';
import type { DeployMark, DeployMarkStatus } from '../shared/views/deploy-marks.js';
import { placeMarkLabels, type TakenSpan } from './mark-label-layout.js';

/** A glyph with each outcome that is not plain success, so it reads without colour too. */
const MARK_GLYPH: Record<DeployMarkStatus, string> = { succeeded: '', failed: '✖ ', rolled_back: '↩ ', running: '▸ ', unknown: '? ' };
/** Label rows at most: a third lane would cover the top of the chart. */
const MAX_LANES = 2;
/** A lane per this many label heights of plot: a short sparkline keeps most of its height for the line. */
const PLOT_PER_LANE = 2.5;

/**
 * The marks' look, for the styles of an element that draws them: thin lines (a non-scaling stroke, so
 * 2 px at 1080p and 4 px at 4K whatever the SVG's stretch), labels at the wall's type floor on a chip
 * that lets the chart show through, and the outcome's colour: failed and rolled back red, running
 * amber and dashed, unknown grey and dashed, succeeded light grey.
 */
export const deployMarkStyles = css`
  .deploy-marks line {
    stroke: var(--mark-colour);
    stroke-width: 0.19vh;
    vector-effect: non-scaling-stroke;
  }
  .m-succeeded { --mark-colour: var(--fg); }
  .m-failed, .m-rolled_back { --mark-colour: var(--critical); }
  .m-running { --mark-colour: var(--warning); }
  .m-unknown { --mark-colour: var(--unknown); }
  .deploy-marks line.m-succeeded { stroke-opacity: 0.7; }
  .deploy-marks line.m-running,
  .deploy-marks line.m-unknown { stroke-dasharray: 0.9vh 0.6vh; }
  .mark-labels {
    position: absolute;
    inset: 0;
    overflow: hidden;
    pointer-events: none;
  }
  .mark-label {
    position: absolute;
    box-sizing: border-box;
    max-width: 60%;
    padding: 0 0.3em;
    border-left: 0.19vh solid var(--mark-colour);
    background: color-mix(in srgb, var(--tile-bg) 80%, transparent);
    color: var(--mark-colour);
    font-size: var(--text-min);
    font-weight: 600;
    line-height: 1.25;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .mark-label.flipped {
    border-left: none;
    border-right: 0.19vh solid var(--mark-colour);
  }
`;

/** The SVG group a chart draws its marks' lines into (behind its series). */
export const deployMarkLines = svg`<g class="deploy-marks"></g>`;
/** The layer over a chart's plot that holds the labels (HTML, so the stretched SVG does not distort them). */
export const deployMarkLabels = html`<div class="mark-labels" aria-hidden="true"></div>`;

export interface MarkLayer {
  /** The `.deploy-marks` group inside the chart's SVG. */
  lines: SVGGElement | null;
  /** The `.mark-labels` layer over the same plot; null: lines only (e.g. the lower rows of a latency tile). */
  labels: HTMLElement | null;
  /** The SVG's viewBox size, in which `x` places times. */
  width: number;
  height: number;
  /** The chart's own text over the plot (e.g. the graph's limits): labels keep off it. */
  avoid?: readonly Element[];
}

/**
 * Draws one thin vertical line per deploy at `x(at)` and its label at the top of the plot, staggered
 * into lanes so no two labels, and no label and the chart's own text, overlap; labels that fit
 * nowhere are left out, newest kept first. Nodes are joined on the deploy's key, so a tile redrawn
 * for weeks keeps as many nodes as it has marks.
 */
export function drawDeployMarks(layer: MarkLayer, marks: readonly DeployMark[], x: (t: number) => number): void {
  if (layer.lines) {
    select(layer.lines)
      .selectAll<SVGLineElement, DeployMark>('line')
      .data(marks, (m) => m.key)
      .join('line')
      .attr('class', (m) => `m-${m.status}`)
      .attr('x1', (m) => x(m.at))
      .attr('x2', (m) => x(m.at))
      .attr('y1', 0)
      .attr('y2', layer.height);
  }
  if (layer.labels) drawLabels(layer.labels, layer, marks, x);
}

function drawLabels(container: HTMLElement, layer: MarkLayer, marks: readonly DeployMark[], x: (t: number) => number): void {
  const labels = select(container)
    .selectAll<HTMLDivElement, DeployMark>('div')
    .data(marks, (m) => m.key)
    .join('div')
    .attr('class', (m) => `mark-label m-${m.status}`)
    .attr('data-key', (m) => m.key)
    .text((m) => `${MARK_GLYPH[m.status]}${m.label}`)
    .property('hidden', false)
    .style('top', '0')
    .style('left', '0');
  const width = container.clientWidth;
  const nodes = labels.nodes();
  const laneHeight = nodes[0]?.offsetHeight ?? 0;
  if (laneHeight === 0 || width === 0) return void labels.property('hidden', true);
  const lanes = Math.min(MAX_LANES, Math.floor(container.clientHeight / (laneHeight * PLOT_PER_LANE)));
  const px = (t: number) => (x(t) / layer.width) * width;
  // newest first: when not all fit, the latest deploys are the ones to name
  const byPriority = marks.map((m, i) => ({ key: m.key, x: px(m.at), width: nodes[i]!.offsetWidth })).reverse();
  const em = parseFloat(getComputedStyle(container).fontSize) || 16;
  const placed = placeMarkLabels(byPriority, { width, lanes, gap: em * 0.6, taken: takenSpans(container, layer.avoid ?? [], laneHeight, lanes) });
  labels.each(function (m) {
    const spot = placed.get(m.key);
    this.hidden = !spot;
    if (!spot) return;
    this.classList.toggle('flipped', spot.flipped);
    this.style.left = `${spot.left}px`;
    this.style.top = `${spot.lane * laneHeight}px`;
  });
}

/** The lanes and spans the chart's own visible text covers, relative to the labels' layer. */
function takenSpans(container: HTMLElement, avoid: readonly Element[], laneHeight: number, lanes: number): TakenSpan[] {
  const origin = container.getBoundingClientRect();
  const spans: TakenSpan[] = [];
  for (const element of avoid) {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    for (let lane = 0; lane < lanes; lane++) {
      const top = origin.top + lane * laneHeight;
      if (box.top < top + laneHeight && box.bottom > top) spans.push({ lane, from: box.left - origin.left, to: box.right - origin.left });
    }
  }
  return spans;
}

import { css } from 'lit';

/**
 * The trend widget's own styles (host styles and the headline message come from host-styles.ts): the
 * headline (regression, drift, learning, steady) and its lines, the panels' grid of label, y axis and
 * plot, the chart's marks (band, baseline, layers, dots by verdict, the first bad revision), and the
 * revision axis.
 */
export const trendStyles = css`
  :host {
    padding: 0.5cqh 2.5cqmin 1cqh;
    gap: 1cqh;
    overflow: hidden;
    --big-font: clamp(var(--value-min), min(8cqh, 4.4cqw), 9vh);
    --line-font: clamp(var(--text-min), min(4.6cqh, 3cqw), 5vh);
    --axis-font: clamp(var(--text-min), min(3.6cqh, 2.4cqw), 4vh);
  }
  /*
   * The headline takes what the chart leaves: at most about two fifths of the tile, and never the
   * room one panel needs (its label, a plot of a few lines, the revision axis); its big line always.
   * Lines that do not fit are hidden whole, the last first (trend-fit.ts).
   */
  .headline {
    flex: none;
    max-height: max(1.25 * var(--big-font), min(40cqh, 100cqh - 7.5 * var(--axis-font)));
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 0.4cqh;
    line-height: 1.2;
  }
  .headline.s-critical {
    border-left: 0.3em solid var(--critical);
    padding-left: 0.5em;
    background: rgba(248, 81, 73, 0.1);
  }
  .headline > * {
    flex: none;
  }
  /* the revision and the change stay whole; the metric's name gives way (ellipsis) in a narrow tile */
  .big {
    display: flex;
    gap: 0.3em;
    font-size: var(--big-font);
    font-weight: 800;
    white-space: nowrap;
    min-width: 0;
  }
  .big > span {
    flex: none;
  }
  .big > .what {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .big .rev {
    font-variant-numeric: tabular-nums;
  }
  .big .what {
    color: var(--fg);
  }
  .line {
    font-size: var(--line-font);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--fg);
  }
  .line .id {
    color: var(--fg-dim);
    font-variant-numeric: tabular-nums;
  }
  .line .author {
    font-weight: 700;
  }
  .line.dim,
  .line .via {
    color: var(--fg-dim);
  }
  .layers-moved .moved {
    color: var(--critical);
    font-weight: 800;
  }
  .chart {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    column-gap: 0.6em;
    font-size: var(--axis-font);
    color: var(--fg-dim);
    font-variant-numeric: tabular-nums;
  }
  .label {
    grid-column: 1 / span 2;
    display: flex;
    align-items: baseline;
    gap: 0.5em;
    min-width: 0;
    white-space: nowrap;
    line-height: 1.2;
    padding-top: 0.3em;
  }
  .label .name {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--fg);
    font-weight: 600;
  }
  .label .value {
    flex: none;
    font-weight: 800;
  }
  .label .detail {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .label .detail.s-ok {
    color: var(--fg-dim);
  }
  /* the layers' legend keeps whole entries: one that does not fit wraps onto a hidden second line */
  .legend {
    flex: 1 1 0;
    min-width: 0;
    display: flex;
    flex-wrap: wrap;
    justify-content: flex-end;
    column-gap: 0.8em;
    height: 1.2em;
    overflow: hidden;
  }
  .legend .layer {
    flex: none;
    display: flex;
    align-items: center;
    gap: 0.3em;
  }
  .swatch {
    width: 1em;
    height: 0.25em;
    background: repeating-linear-gradient(90deg, var(--c) 0 0.3em, transparent 0.3em 0.45em);
  }
  .y {
    position: relative;
    text-align: right;
    min-height: 0;
  }
  .y span {
    position: absolute;
    right: 0;
    line-height: 1;
    white-space: nowrap;
  }
  .y .ghost {
    position: static;
    visibility: hidden;
  }
  .plot {
    position: relative;
    min-height: 0;
    border-bottom: 1px solid var(--tile-border);
  }
  svg {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    overflow: hidden;
  }
  .band { fill: rgba(154, 164, 175, 0.16); stroke: none; }
  .baseline { fill: none; stroke: var(--fg-dim); stroke-width: clamp(0.1vh, 0.2cqmin, 0.3vh); stroke-dasharray: 0.8vh 0.6vh; vector-effect: non-scaling-stroke; }
  .first-bad { fill: none; stroke: var(--critical); stroke-width: clamp(0.18vh, 0.35cqmin, 0.55vh); stroke-dasharray: 1vh 0.6vh; vector-effect: non-scaling-stroke; opacity: 0.8; }
  .layers path { fill: none; stroke-width: clamp(0.18vh, 0.3cqmin, 0.45vh); stroke-dasharray: 1.1vh 0.6vh; vector-effect: non-scaling-stroke; }
  .line-metric { fill: none; stroke: var(--fg); stroke-width: clamp(0.2vh, 0.4cqmin, 0.65vh); vector-effect: non-scaling-stroke; stroke-linejoin: round; }
  .dot { fill: none; stroke-linecap: round; stroke-width: clamp(0.85vh, 1.6cqmin, 2.4vh); vector-effect: non-scaling-stroke; }
  .hole { fill: none; stroke-linecap: round; stroke: var(--tile-bg); stroke-width: clamp(0.4vh, 0.8cqmin, 1.2vh); vector-effect: non-scaling-stroke; }
  .v-ok, .v-improved, .v-rebaselined { stroke: var(--ok); }
  .v-regressed, .v-outlier { stroke: var(--critical); }
  .v-learning { stroke: var(--unknown); }
  .x {
    grid-column: 2;
    position: relative;
    height: 1.5em;
  }
  .x span {
    position: absolute;
    top: 0.3em;
    line-height: 1;
    white-space: nowrap;
  }
  .x span.bad {
    color: var(--critical);
    font-weight: 800;
  }
  .x span.latest {
    color: var(--fg);
  }
`;

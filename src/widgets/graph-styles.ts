import { css } from 'lit';

/**
 * The graph widget's own styles (host styles, the bands and deploy marks come from host-styles.ts and
 * deploy-marks.ts): the legend in whole lines with its "+N", the chart's grid of y axis, plot and
 * x axis, the series' lines (solid, dashed, dotted) and areas, and the limits text.
 */
export const graphStyles = css`
  :host {
    padding: 0.5cqmin 2.5cqmin 1.5cqmin;
    gap: 1cqh;
  }
  .legend {
    position: relative;
    display: flex;
    flex-wrap: wrap;
    gap: 0.3em 1.4em;
    /* never below the wall's floor; a small tile shows fewer entries instead of smaller ones */
    font-size: clamp(var(--text-min), min(var(--legend-size, 5cqh), 3cqw), 90px);
    line-height: 1.2;
    /* whole lines only (1.2em each, 0.3em apart) within about two fifths of the tile */
    max-height: max(1.2em, round(down, 42cqh + 0.3em, 1.5em) - 0.3em);
    overflow: hidden;
    flex: none;
  }
  .more {
    position: absolute;
    right: 0;
    bottom: 0;
    padding-left: 0.8em;
    font-weight: 700;
    color: var(--fg);
    background: linear-gradient(to right, transparent, var(--tile-bg) 0.7em);
    white-space: nowrap;
  }
  .item {
    display: flex;
    align-items: baseline;
    gap: 0.35em;
    min-width: 0;
    max-width: 100%;
  }
  .swatch {
    flex: none;
    width: 1.2em;
    height: 0.3em;
    border-radius: 0.1em;
    background: var(--c);
    align-self: center;
  }
  .swatch.dash {
    border-radius: 0;
    background: repeating-linear-gradient(90deg, var(--c) 0 0.36em, transparent 0.36em 0.6em);
  }
  .swatch.dot {
    border-radius: 0;
    background: radial-gradient(circle closest-side, var(--c) 90%, transparent) 0 0 / 0.3em 0.3em repeat-x;
  }
  .name {
    flex: 0 1 auto;
    color: var(--fg-dim);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .value {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
  .detail {
    /* the reason takes what room is left; the series name stays readable */
    flex: 1 1 0;
    font-size: max(0.8em, var(--text-min));
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    min-width: 0;
  }
  .chart {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: max-content minmax(0, 1fr);
    grid-template-rows: minmax(0, 1fr) auto;
    column-gap: 1.2cqmin;
    /* room for the half of the top and bottom tick labels that sticks out of the plot */
    padding-top: 0.55em;
    font-size: clamp(var(--text-min), min(4.6cqh, 3cqw), 64px);
    color: var(--fg-dim);
    font-variant-numeric: tabular-nums;
  }
  .y {
    position: relative;
    grid-row: 1;
    grid-column: 1;
    text-align: right;
  }
  .y span {
    display: block;
    transform: translateY(-50%);
    line-height: 1;
    white-space: nowrap;
  }
  .y span.abs {
    position: absolute;
    right: 0;
  }
  .y .ghost {
    visibility: hidden;
  }
  .plot {
    position: relative;
    grid-row: 1;
    grid-column: 2;
    min-height: 0;
  }
  svg {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
    overflow: hidden;
  }
  .x {
    position: relative;
    grid-row: 2;
    grid-column: 2;
    height: 1.6em;
  }
  .x span {
    position: absolute;
    top: 0.55em;
    transform: translateX(-50%);
    white-space: nowrap;
    line-height: 1;
  }
  .unit {
    margin-left: auto;
    color: var(--fg-dim);
    font-size: max(0.8em, var(--text-min));
    align-self: center;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    min-width: 0;
  }
  .grid line { stroke: var(--tile-border); stroke-width: 1; vector-effect: non-scaling-stroke; }
  .line { fill: none; stroke-width: clamp(2px, 0.45cqmin, 8px); vector-effect: non-scaling-stroke; stroke-linejoin: round; stroke-linecap: round; }
  /* with a non-scaling stroke the dashes are measured on the screen, so vh keeps them alike at 1080p and 4K */
  .line.dash { stroke-dasharray: 1.3vh 0.8vh; stroke-linecap: butt; }
  .line.dot { stroke-dasharray: 0.01vh 0.75vh; stroke-width: clamp(3px, 0.6cqmin, 10px); }
  .area { stroke: none; }
  .limits {
    position: absolute;
    right: 0.4em;
    top: 0.2em;
    max-width: calc(100% - 0.8em);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
    color: var(--fg-dim);
    background: color-mix(in srgb, var(--tile-bg) 75%, transparent);
    padding: 0 0.3em;
    border-radius: 0.2em;
  }
  /* the newest deploys are labelled at the top right: the limits make way for them */
  .limits.start {
    right: auto;
    left: 0.4em;
  }
  /* a one-column tile: the limits are shown as bands, their text would cover the chart */
  @container (max-width: 16em) {
    .limits {
      display: none;
    }
  }
`;

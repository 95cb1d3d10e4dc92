import { css } from 'lit';

/**
 * The risk widget's own styles (host styles and the idle message come from host-styles.ts): the file
 * problems above the list, a card per failure mode (tone, the pulse of one happening now unless
 * `prefers-reduced-motion`), its ten-cell S/O/D scales and RPN bar, the footer, and one line per mode
 * when the host's `data-shape` is `compact` (set by risk-fit.ts).
 */
export const riskStyles = css`
  :host {
    padding: 0.5cqh 1.5cqw 1cqh;
    gap: 1cqh;
    overflow: hidden;
    --cell-off: rgba(255, 255, 255, 0.13);
    --cell-on: #9fb4c8;
    --name-font: clamp(var(--text-min), min(5.4cqh, 3.6cqw), 6.5vh);
    --line-font: clamp(var(--text-min), min(3.5cqh, 2.5cqw), 4.2vh);
    /* set from the number of modes when the view changes (willUpdate) */
    --row-font: clamp(var(--text-min), min(8cqh, 4.6cqw), 6vh);
  }
  .problems {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: 0.3cqh;
    font-size: var(--line-font);
    line-height: 1.2;
  }
  .problem {
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
    padding-left: 0.4em;
    border-left: 0.25em solid var(--warning);
    color: var(--fg);
  }
  .problem .glyph {
    color: var(--warning);
    font-weight: 800;
  }
  .list {
    flex: 1 1 auto;
    min-height: 0;
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 1.1cqh;
  }
  .mode {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: 0.5cqh;
    padding: 0.25em 0.5em 0.3em;
    border-left: 0.3em solid var(--tile-border);
    background: rgba(255, 255, 255, 0.035);
    font-size: var(--line-font);
    line-height: 1.2;
  }
  .mode.tone-warning {
    border-left-color: var(--warning);
  }
  .mode.active {
    border-left-color: var(--critical);
    background: rgba(248, 81, 73, 0.16);
    animation: pulse 1.6s ease-in-out infinite;
  }
  @keyframes pulse {
    0%,
    100% {
      background: rgba(248, 81, 73, 0.1);
      border-left-color: rgba(248, 81, 73, 0.55);
    }
    50% {
      background: rgba(248, 81, 73, 0.32);
      border-left-color: var(--critical);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .mode.active {
      animation: none;
      background: rgba(248, 81, 73, 0.22);
    }
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
    min-width: 0;
    white-space: nowrap;
  }
  /* on a narrow card the happening badge goes under the name rather than cut either */
  .head {
    flex-wrap: wrap;
    row-gap: 0.1em;
    font-size: var(--name-font);
    font-weight: 800;
    line-height: 1.1;
  }
  .rank {
    flex: none;
    color: var(--fg-dim);
    font-variant-numeric: tabular-nums;
  }
  .moved {
    flex: none;
    font-size: max(var(--text-min), 0.6em);
    font-weight: 700;
    color: var(--fg-dim);
  }
  .moved.up {
    color: var(--fg);
  }
  .name {
    flex: 1 1 auto;
    min-width: min(100%, 5em);
    color: var(--fg);
  }
  .happening {
    flex: none;
    margin-left: auto;
    padding-left: 0.4em;
    color: var(--critical);
    font-size: max(var(--text-min), 0.62em);
    letter-spacing: 0.02em;
  }
  .ratings {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.2em 1.1em;
    font-variant-numeric: tabular-nums;
  }
  .rating,
  .rpn {
    display: inline-flex;
    align-items: center;
    gap: 0.3em;
    white-space: nowrap;
  }
  .letter {
    color: var(--fg-dim);
    font-weight: 700;
  }
  .value {
    color: var(--fg);
    font-weight: 800;
  }
  .was {
    color: var(--fg-dim);
  }
  svg.cells {
    width: 4.6em;
    height: 0.7em;
  }
  svg.cells .off {
    fill: var(--cell-off);
  }
  svg.cells .on {
    fill: var(--cell-on);
  }
  .active svg.cells .on {
    fill: var(--critical);
  }
  svg.cells .assessed {
    fill: none;
    stroke: var(--fg);
    stroke-width: 1.6;
    vector-effect: non-scaling-stroke;
  }
  svg.rpn-bar {
    width: 6em;
    height: 0.7em;
  }
  svg.rpn-bar .track {
    fill: var(--cell-off);
  }
  svg.rpn-bar .fill {
    fill: var(--cell-on);
  }
  .active svg.rpn-bar .fill {
    fill: var(--critical);
  }
  .mode.tone-warning:not(.active) svg.rpn-bar .fill {
    fill: var(--warning);
  }
  svg.rpn-bar .assessed {
    fill: var(--fg);
  }
  .effect {
    color: var(--fg);
  }
  .next .label,
  .why .label {
    flex: none;
    margin-right: 0.2em;
    color: var(--fg-dim);
    font-weight: 700;
  }
  .next .text {
    color: var(--fg);
  }
  /* two lines at most: the move, then what made it */
  .why {
    color: var(--fg-dim);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .footer {
    font-size: clamp(var(--text-min), min(2.8cqh, 2cqw), 3.6vh);
  }
  .footer .now {
    color: var(--critical);
    font-weight: 800;
  }
  .footer .more {
    margin-left: auto;
    color: var(--fg);
    font-weight: 800;
  }
  /* one line per mode, on a small tile or with compact (data-shape set by risk-fit.ts) */
  :host([data-shape='compact']) .list {
    gap: 0.5cqh;
  }
  :host([data-shape='compact']) .mode {
    flex-direction: row;
    align-items: center;
    gap: 0.6em;
    padding: 0.1em 0.4em;
    font-size: var(--row-font);
  }
  :host([data-shape='compact']) .head {
    flex: 1 1 auto;
    flex-wrap: nowrap;
    font-size: 1em;
  }
  :host([data-shape='compact']) .name {
    min-width: 0;
  }
  :host([data-shape='compact']) .happening {
    display: none;
  }
  :host([data-shape='compact']) .ratings {
    flex: none;
    flex-wrap: nowrap;
    gap: 0.5em;
  }
  :host([data-shape='compact']) .ratings .letter {
    font-weight: 600;
  }
  :host([data-shape='compact']) svg.cells,
  :host([data-shape='compact']) .was,
  :host([data-shape='compact']) .rpn .letter,
  :host([data-shape='compact']) .moved,
  :host([data-shape='compact']) [data-fit] {
    display: none;
  }
  :host([data-shape='compact']) svg.rpn-bar {
    width: 3em;
  }
  :host([data-shape='compact'][data-narrow]) .rating,
  :host([data-shape='compact'][data-narrow]) svg.rpn-bar {
    display: none;
  }
  :host([data-shape='compact']) .problem {
    -webkit-line-clamp: 1;
  }
`;

import { css } from 'lit';

/**
 * The deploys widget's own styles (host styles and the idle message come from host-styles.ts): the
 * lanes side by side, sized by their number (`--lanes`, set by the element), a lane's head, what runs
 * there, its running and broken cards and recent outcomes, the promotion line under the lanes, and one
 * row per lane when the host's `data-shape` is `rows` (set by deploys-fit.ts).
 */
export const deploysStyles = css`
  :host {
    padding: 0.5cqh 1.5cqw 1cqh;
    gap: 1.2cqh;
    overflow: hidden;
    --running: #58a6ff;
    /* the number of lanes, set when the view changes (willUpdate) */
    --lanes: 3;
    --env-font: clamp(var(--text-min), min(6.5cqh, calc(11cqw / var(--lanes))), 8vh);
    --what-font: clamp(var(--value-min), min(9cqh, calc(14cqw / var(--lanes))), 11vh);
    --line-font: clamp(var(--text-min), min(3.8cqh, calc(6.5cqw / var(--lanes))), 4.5vh);
  }
  .d-running {
    color: var(--running);
  }
  .lanes {
    flex: 1 1 auto;
    min-height: 0;
    display: grid;
    grid-template-columns: repeat(var(--lanes), minmax(0, 1fr));
    grid-template-rows: minmax(0, 1fr);
    gap: 1.2cqw;
  }
  .lane {
    min-width: 0;
    min-height: 0;
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 0.9cqh;
    padding: 0.6cqh 0.7cqw;
    border-top: 0.6cqh solid currentColor;
    background: rgba(255, 255, 255, 0.035);
  }
  .lane.s-critical {
    background: rgba(248, 81, 73, 0.12);
  }
  .lane.s-warning {
    background: rgba(227, 179, 65, 0.1);
  }
  .line {
    display: flex;
    align-items: baseline;
    gap: 0.35em;
    min-width: 0;
    white-space: nowrap;
  }
  /* a narrow lane puts its state under its name rather than cut either */
  .head {
    flex: none;
    flex-wrap: wrap;
    row-gap: 0.1em;
    font-size: var(--env-font);
    font-weight: 800;
    line-height: 1.1;
  }
  .head .state {
    margin-left: auto;
  }
  .head .env {
    color: var(--fg);
  }
  .head .state {
    font-size: max(var(--text-min), 0.62em);
    letter-spacing: 0.02em;
  }
  .now {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: 0.2cqh;
  }
  .now .what {
    font-size: var(--what-font);
    font-weight: 800;
    line-height: 1.05;
    color: var(--fg);
  }
  .small {
    font-size: var(--line-font);
    line-height: 1.2;
    color: var(--fg-dim);
  }
  .small .fg {
    color: var(--fg);
    font-weight: 700;
  }
  .nothing {
    font-size: var(--line-font);
    color: var(--fg-dim);
    font-style: italic;
  }
  .card {
    flex: none;
    display: flex;
    flex-direction: column;
    gap: 0.3cqh;
    border-left: 0.25em solid currentColor;
    padding: 0.2em 0 0.25em 0.45em;
    font-size: var(--line-font);
    line-height: 1.2;
    background: rgba(255, 255, 255, 0.04);
  }
  .card .title {
    flex-wrap: wrap;
    row-gap: 0;
    font-weight: 800;
  }
  .card .title .what {
    max-width: 100%;
  }
  .card .why {
    color: var(--fg);
    display: -webkit-box;
    -webkit-box-orient: vertical;
    -webkit-line-clamp: 2;
    overflow: hidden;
    overflow-wrap: anywhere;
  }
  .card .title .what {
    color: var(--fg);
  }
  .bar {
    height: 0.5em;
    border-radius: 0.25em;
    background: rgba(255, 255, 255, 0.1);
    overflow: hidden;
  }
  .bar .fill {
    display: block;
    height: 100%;
    background: currentColor;
  }
  .bar.unknown .fill {
    width: 100%;
    opacity: 0.3;
  }
  .recent {
    flex: none;
    margin: 0;
    padding: 0;
    list-style: none;
    display: flex;
    flex-direction: column;
    gap: 0.3cqh;
    font-size: var(--line-font);
    line-height: 1.2;
  }
  .recent .what {
    color: var(--fg);
    font-weight: 600;
  }
  .recent .age {
    margin-left: auto;
    padding-left: 0.3em;
    color: var(--fg-dim);
  }
  .promotion {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.2em 1.4em;
    font-size: clamp(var(--text-min), min(3.6cqh, 2.4cqw), 4.5vh);
    line-height: 1.25;
    border-top: 1px solid var(--tile-border);
    padding-top: 0.3em;
    overflow: hidden;
  }
  .promotion .step {
    max-width: 100%;
  }
  .promotion .env {
    color: var(--fg);
    font-weight: 800;
  }
  .promotion .text {
    color: var(--fg);
  }
  .promotion .step.s-warning .text {
    color: var(--warning);
    font-weight: 700;
  }
  /* one row per lane, on tiles too narrow for columns (data-shape set by deploys-fit.ts) */
  :host([data-shape='rows']) .lanes {
    display: flex;
    flex-direction: column;
    gap: 0.6cqh;
  }
  :host([data-shape='rows']) .lane {
    flex: none;
    flex-direction: row;
    flex-wrap: nowrap;
    align-items: baseline;
    gap: 0.5em;
    padding: 0.2em 0.4em;
    border-top: none;
    border-left: 0.3em solid currentColor;
    font-size: clamp(var(--text-min), min(calc(46cqh / var(--lanes)), 7cqw), 7vh);
  }
  :host([data-shape='rows']) .head {
    font-size: 1em;
    flex: 0 1 auto;
    flex-wrap: nowrap;
  }
  :host([data-shape='rows']) .head .state {
    margin-left: 0;
  }
  /* what runs there gives way first: the name and the state are the news */
  :host([data-shape='rows']) .now {
    flex: 0 1000 auto;
    min-width: 0;
    margin-left: auto;
  }
  :host([data-shape='rows']) .now .what {
    font-size: 1em;
  }
  :host([data-shape='rows']) .now .small,
  :host([data-shape='rows']) .card,
  :host([data-shape='rows']) .recent,
  :host([data-shape='rows']) .nothing,
  :host([data-shape='rows']) .promotion {
    display: none;
  }
`;

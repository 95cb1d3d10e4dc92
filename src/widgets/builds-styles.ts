import { css } from 'lit';

/**
 * The builds widget's own styles (host styles and the headline message come from host-styles.ts): the
 * colours of building, aborted and idle jobs, the broken-job cards sized by their number
 * (`--broken-font`, set by the element), running builds with their progress bars, the chips of the
 * other jobs, the counts footer, "All green", and the banner over last-known data.
 */
export const buildsStyles = css`
  :host {
    padding: 0.5cqh 2cqw 1cqh;
    gap: 1cqh;
    overflow: hidden;
    --building: #58a6ff;
    --aborted: #c9a0ff;
    /* set from the number of broken jobs when the view changes (willUpdate) */
    --broken-font: clamp(var(--value-min), min(7cqh, 4.6cqw), 10vh);
    --row-font: clamp(var(--text-min), min(3.4cqh, 2.6cqw), 5.5vh);
    --chip-font: clamp(var(--text-min), min(2.4cqh, 1.8cqw), 4vh);
  }
  .b-building {
    color: var(--building);
  }
  .b-aborted {
    color: var(--aborted);
  }
  .b-idle {
    color: var(--unknown);
  }
  .wall {
    flex: 1 1 auto;
    min-height: 0;
    overflow: hidden;
    display: flex;
    flex-direction: column;
    gap: 1.2cqh;
  }
  .card {
    flex: none;
    border-left: 0.3em solid currentColor;
    padding: 0.15em 0 0.2em 0.5em;
    background: rgba(255, 255, 255, 0.04);
    font-size: var(--broken-font);
    line-height: 1.15;
  }
  .card.s-critical {
    background: rgba(248, 81, 73, 0.12);
  }
  .card.s-warning {
    background: rgba(227, 179, 65, 0.1);
  }
  .head {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
    white-space: nowrap;
    min-width: 0;
  }
  .word {
    flex: none;
    font-weight: 800;
  }
  .head .word {
    font-size: max(var(--text-min), 0.7em);
  }
  .name {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--fg);
    font-weight: 800;
  }
  .number {
    flex: none;
    color: var(--fg-dim);
    font-weight: 600;
    font-variant-numeric: tabular-nums;
  }
  .head .number {
    font-size: max(var(--text-min), 0.7em);
  }
  /* who and what shrink (ellipsis) before "25 min ago" does: since when is the news */
  .why {
    display: flex;
    align-items: baseline;
    gap: 0.3em;
    font-size: max(var(--text-min), 0.55em);
    color: var(--fg);
    white-space: nowrap;
    min-width: 0;
  }
  .why .who {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .why .age {
    flex: none;
    color: var(--fg-dim);
  }
  .run {
    flex: none;
    display: flex;
    align-items: center;
    gap: 0.6em;
    font-size: var(--row-font);
    line-height: 1.2;
    white-space: nowrap;
    min-width: 0;
  }
  .run .label {
    display: flex;
    align-items: baseline;
    gap: 0.4em;
    flex: 0 1 auto;
    max-width: 50%;
    min-width: 0;
  }
  .card .run {
    font-size: max(var(--text-min), 0.55em);
    margin-top: 0.15em;
  }
  .bar {
    flex: 1 1 4em;
    min-width: 3em;
    height: 0.55em;
    border-radius: 0.3em;
    background: rgba(255, 255, 255, 0.1);
    overflow: hidden;
  }
  .bar .fill {
    height: 100%;
    background: var(--building);
  }
  .bar.overdue .fill {
    background: repeating-linear-gradient(45deg, var(--building) 0 0.4em, transparent 0.4em 0.8em);
  }
  .eta {
    flex: none;
    color: var(--fg-dim);
    font-variant-numeric: tabular-nums;
  }
  .eta.overdue {
    color: var(--warning);
    font-weight: 700;
  }
  .chips {
    flex: none;
    display: flex;
    flex-wrap: wrap;
    gap: 0.35em 1.1em;
    font-size: var(--chip-font);
    line-height: 1.2;
  }
  .chip {
    display: flex;
    align-items: baseline;
    gap: 0.3em;
    white-space: nowrap;
    max-width: 100%;
    min-width: 0;
  }
  .chip .name {
    font-weight: 600;
  }
  .chip .tag {
    flex: none;
    font-weight: 700;
    letter-spacing: 0.03em;
  }
  .footer {
    font-size: clamp(var(--text-min), min(2.4cqh, 1.8cqw), 4vh);
  }
  /* plain foreground, not a status hue: a passing job that cannot build is not broken, but it must be seen */
  .blocked {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
    color: var(--fg);
    font-weight: 700;
    white-space: nowrap;
  }
  .footer .more {
    margin-left: auto;
    color: var(--fg);
    font-weight: 800;
  }
  .clear .big {
    font-size: clamp(24px, min(22cqh, 14cqw), 360px);
  }
  .clear .sub {
    font-size: clamp(var(--text-min), min(6cqh, 4.5cqw), 90px);
  }
  .banner {
    flex: none;
    padding: 0.3em 0.6em;
    background: rgba(139, 148, 158, 0.16);
    border-left: 0.3em solid var(--unknown);
    font-size: clamp(var(--text-min), min(5cqh, 3.6cqw), 72px);
    font-weight: 800;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
`;

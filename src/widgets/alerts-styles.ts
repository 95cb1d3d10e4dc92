import { css } from 'lit';

/**
 * The alerts widget's own styles (host styles and the shared headline message come from
 * host-styles.ts): counts, one grid for all rows so states, names and ages line up, the handled and
 * expected sections apart and dimmed, banners, and what small tiles leave out.
 */
export const alertsStyles = css`

    :host {
      padding: 0.5cqh 2.5cqw 1.5cqh;
      gap: 1.6cqh;
      overflow: hidden;
      /* set from the number of rows when the view changes (willUpdate), so few problems read big and many still fit */
      --row-font: clamp(var(--text-min), min(4.6cqh, 4.2cqw), 64px);
    }
    .counts {
      display: flex;
      gap: 2cqw;
      flex: none;
    }
    .count {
      flex: 1;
      min-width: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      padding: 0.6cqh 0.5cqw 0.4cqh;
      border-radius: 0.6cqmin;
      background: rgba(255, 255, 255, 0.04);
      border-bottom: 0.6cqh solid currentColor;
      white-space: nowrap;
      overflow: hidden;
    }
    .count .n {
      font-size: clamp(20px, min(14cqh, 8.5cqw), 240px);
      font-weight: 800;
      font-variant-numeric: tabular-nums;
      line-height: 1;
    }
    .count .g {
      font-size: 0.6em;
      vertical-align: 0.25em;
      margin-right: 0.1em;
    }
    .count .w {
      font-size: clamp(var(--text-min), min(3.6cqh, 2.6cqw), 60px);
      font-weight: 700;
      letter-spacing: 0.05em;
    }
    .count.zero {
      color: var(--fg-dim);
      opacity: 0.45;
      border-bottom-color: transparent;
    }
    /* one grid for all rows, so states, names and ages line up across rows */
    .grid {
      display: grid;
      grid-template-columns: max-content minmax(0, 1fr) max-content;
      column-gap: 0.6em;
      align-content: start;
      align-items: baseline;
      line-height: 1.2;
    }
    .list {
      flex: 1 1 auto;
      min-height: 0;
      overflow: hidden;
      font-size: var(--row-font);
    }
    .row {
      display: contents;
    }
    .state {
      font-weight: 800;
      white-space: nowrap;
      border-left: 0.35em solid currentColor;
      padding-left: 0.4em;
      margin-top: 0.35em;
      align-self: stretch;
    }
    .state.tall {
      grid-row: span 2;
    }
    /* the name first: tags that leave it no room go under it rather than cutting it */
    .name {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      min-width: 0;
      margin-top: 0.35em;
    }
    .label {
      color: var(--fg);
      font-weight: 700;
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .label .svc {
      font-weight: 500;
    }
    .tags {
      flex: none;
      white-space: nowrap;
    }
    .for {
      color: var(--fg-dim);
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
      margin-top: 0.35em;
    }
    /* under the name: the plugin output, and a note (who acknowledged or downtimed it, and why, or why it is expected) */
    .output,
    .note {
      grid-column: 2 / span 2;
      color: var(--fg-dim);
      font-size: max(var(--text-min), 0.8em);
      min-width: 0;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .tag {
      display: inline-block;
      font-size: max(var(--text-min), 0.62em);
      font-weight: 600;
      letter-spacing: 0.03em;
      line-height: 1.1;
      padding: 0 0.3em;
      margin-left: 0.4em;
      border-radius: 0.25em;
      border: 1px solid currentColor;
      vertical-align: 0.05em;
      color: var(--fg-dim);
    }
    .tag.hidden-services {
      color: var(--fg);
    }
    .more {
      grid-column: 1 / -1;
      color: var(--fg-dim);
      font-size: max(var(--text-min), 0.85em);
      margin-top: 0.35em;
    }
    .handled {
      flex: none;
      opacity: 0.55;
      font-size: max(var(--text-min), calc(var(--row-font) * 0.8));
      border-top: 1px solid var(--tile-border);
      padding-top: 0.5cqh;
    }
    .handled .state {
      border-left-width: 0.25em;
      margin-top: 0.2em;
    }
    .handled .name,
    .handled .for {
      margin-top: 0.2em;
    }
    .summary {
      grid-column: 1 / -1;
      color: var(--fg-dim);
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .clear .big {
      font-size: clamp(var(--text-min), min(24cqh, 15cqw), 360px);
    }
    .idle .big {
      font-size: clamp(var(--text-min), min(14cqh, 9cqw), 220px);
    }
    .clear .sub,
    .idle .sub {
      font-size: clamp(var(--text-min), min(6cqh, 4.5cqw), 90px);
    }
    .idle[data-part='unreachable'] .big {
      font-size: clamp(var(--text-min), min(12cqh, 7.5cqw), 200px);
      white-space: normal;
      overflow-wrap: anywhere;
    }
    .idle[data-part='unreachable'] .sub {
      display: -webkit-box;
      -webkit-line-clamp: 4;
      -webkit-box-orient: vertical;
      overflow: hidden;
      overflow-wrap: anywhere;
    }
    .banner {
      flex: none;
      padding: 0.8cqh 1.5cqw;
      background: rgba(139, 148, 158, 0.16);
      border-left: 0.4em solid var(--unknown);
      min-width: 0;
    }
    .banner .big {
      font-size: clamp(var(--text-min), min(9cqh, 7cqw), 140px);
      font-weight: 800;
      line-height: 1.1;
      white-space: nowrap;
    }
    .banner .sub {
      font-size: clamp(var(--text-min), min(4.5cqh, 3.6cqw), 64px);
      color: var(--fg);
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
      overflow-wrap: anywhere;
    }
    .inventory {
      flex: none;
      color: var(--fg-dim);
      font-size: max(var(--text-min), calc(var(--row-font) * 0.72));
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .note .who {
      color: var(--fg);
      font-weight: 600;
    }
    .state.taller {
      grid-row: span 3;
    }
    .tag.deploy {
      color: var(--fg);
    }
    /* expected during a deploy: listed, but grey and apart, never red */
    .expected {
      flex: none;
      font-size: max(var(--text-min), calc(var(--row-font) * 0.85));
      border-top: 1px dashed var(--tile-border);
      padding-top: 0.5cqh;
    }
    .s-expected,
    .expected .summary {
      color: var(--fg-dim);
    }
    .expected .state {
      border-left-style: dashed;
      border-left-width: 0.25em;
      margin-top: 0.2em;
    }
    .expected .label {
      color: var(--fg-dim);
    }
    .expected .name,
    .expected .for {
      margin-top: 0.2em;
    }
    /* which deploys, and how far: worth a second line in a narrow tile */
    .expected .summary:first-child {
      white-space: normal;
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
    }
    .expected .summary .deploy {
      color: var(--fg);
      font-weight: 700;
    }
    .calm {
      flex: none;
      display: flex;
      flex-direction: column;
      gap: 0.6cqh;
      padding: 0.5cqh 0;
    }
    .calm .big {
      font-size: clamp(var(--text-min), min(10cqh, 7cqw), 160px);
      font-weight: 800;
      line-height: 1.1;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
    }
    .calm .sub {
      color: var(--fg);
      font-size: clamp(var(--text-min), min(4.5cqh, 3.6cqw), 64px);
      display: -webkit-box;
      -webkit-line-clamp: 2;
      -webkit-box-orient: vertical;
      overflow: hidden;
    }
    /* narrow tiles (about a third of a 16:9 wall): an expected row says which deploy, not how it was linked */
    @container (max-width: 56vh) {
      .note .via {
        display: none;
      }
    }
    /* small tiles: counts and the first rows only */
    @container (max-height: 280px) {
      .output,
      .note,
      .handled .row,
      .expected .row,
      .inventory {
        display: none;
      }
      .state.tall,
      .state.taller {
        grid-row: auto;
      }
    }
    @container (max-height: 150px) {
      .list,
      .handled,
      .expected {
        display: none;
      }
    }
`;

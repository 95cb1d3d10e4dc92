import { css } from 'lit';
import { themeStyles } from './theme.js';

/**
 * What every Radiator element's `static styles` starts from: the theme (status colours, the wall's
 * type floors) and border-box sizing, so padding never pushes an element past the room it is given.
 * Elements add only what is their own.
 */
export const hostStyles = [
  themeStyles,
  css`
    :host {
      box-sizing: border-box;
    }
  `,
];

/** A page-level element (the app, a playlist): fills the viewport it is given. */
export const pageHostStyles = [
  hostStyles,
  css`
    :host {
      display: block;
      width: 100%;
      height: 100%;
    }
  `,
];

/**
 * A widget in a tile: a size container, so its `cq` units measure the tile's body and 1080p and 4K
 * scale alike, laid out as a column unless it says otherwise; and the parts several widgets show
 * alike: the placeholder before the first data, a series' reason, the warning/critical bands.
 */
export const widgetHostStyles = [
  hostStyles,
  css`
    :host {
      display: flex;
      flex-direction: column;
      container-type: size;
    }
    .empty {
      margin: auto;
      color: var(--fg-dim);
      font-size: max(9cqmin, var(--text-min));
    }
    .detail {
      color: var(--critical);
      font-weight: 600;
    }
    .band-warning {
      fill: var(--band-warning);
    }
    .band-critical {
      fill: var(--band-critical);
    }
  `,
];

/**
 * The big centred message a tile shows instead of its list ("All clear ✔", "All green ✔", "No data
 * yet"): `.clear` (good news) or `.idle` (nothing to show), each with a `.big` line and a `.sub` line.
 * Layout and weight here; each widget sizes the lines for what it says.
 */
export const headlineMessageStyles = css`
  .clear,
  .idle {
    flex: 1;
    min-height: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    text-align: center;
    gap: 2cqh;
  }
  .clear .big,
  .idle .big {
    font-weight: 800;
    line-height: 1;
    white-space: nowrap;
  }
  .clear .sub,
  .idle .sub {
    color: var(--fg-dim);
    max-width: 94cqw;
  }
`;

/** The sizes the list widgets (builds, deploys, risk) give their `.idle` message: a few words, large. */
export const idleMessageSizes = css`
  .idle .big {
    font-size: clamp(20px, min(14cqh, 9cqw), 220px);
  }
  .idle .sub {
    font-size: clamp(var(--text-min), min(6cqh, 4.5cqw), 90px);
  }
`;

/** The counts line under the list widgets (builds, risk): dim, one rule above it; each sets its own font size. */
export const listFooterStyles = css`
  .footer {
    flex: none;
    display: flex;
    align-items: baseline;
    flex-wrap: wrap;
    gap: 0.1em 1.2em;
    color: var(--fg-dim);
    white-space: nowrap;
    border-top: 1px solid var(--tile-border);
    padding-top: 0.3em;
  }
  .footer .count {
    font-weight: 700;
  }
`;

/** Inside a line of flex items (deploys, risk): `.clip` gives way with an ellipsis, `.keep` never shrinks. */
export const lineFitStyles = css`
  .clip {
    min-width: 0;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .keep {
    flex: none;
  }
`;

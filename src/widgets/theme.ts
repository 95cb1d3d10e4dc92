import { css, unsafeCSS } from 'lit';
import type { Status } from '../shared/status.js';

/**
 * Colours and glyphs for the four statuses. Every status is shown as colour AND glyph AND word,
 * so it reads for colour-blind viewers and on washed-out TVs.
 */
export const STATUS_GLYPH: Record<Status, string> = { ok: '✔', warning: '▲', critical: '✖', unknown: '?' };
export const STATUS_WORD: Record<Status, string> = { ok: 'OK', warning: 'WARNING', critical: 'CRITICAL', unknown: 'UNKNOWN' };

/**
 * Type floors for a wall read from 5 m, in % of the viewport height, so 1080p and 4K look the same:
 * no label, legend entry or axis tick gets smaller than TEXT_MIN_VH (19 px at 1080p, 38 px at 2160p),
 * no value smaller than VALUE_MIN_VH (28 px / 56 px). A tile too small for its text drops or
 * ellipsizes secondary text (statistics, limits, legend entries past the last line) instead of
 * shrinking it.
 */
export const TEXT_MIN_VH = 1.75;
export const VALUE_MIN_VH = 2.6;

export const themeStyles = css`
  :host {
    --ok: #3fb950;
    --warning: #e3b341;
    --critical: #f85149;
    --unknown: #8b949e;
    --fg: #e6edf3;
    --fg-dim: #9aa4af;
    --bg: #0b0e14;
    --tile-bg: #151b23;
    --tile-border: #2a323c;
    --band-warning: rgba(227, 179, 65, 0.13);
    --band-critical: rgba(248, 81, 73, 0.16);
    --text-min: ${unsafeCSS(TEXT_MIN_VH)}vh;
    --value-min: ${unsafeCSS(VALUE_MIN_VH)}vh;
  }
  .s-ok { color: var(--ok); }
  .s-warning { color: var(--warning); }
  .s-critical { color: var(--critical); }
  .s-unknown { color: var(--unknown); }
`;

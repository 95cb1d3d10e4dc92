import { css } from 'lit';
import type { Status } from '../shared/status.js';

/**
 * Colours and glyphs for the four statuses. Every status is shown as colour AND glyph AND word,
 * so it reads for colour-blind viewers and on washed-out TVs.
 */
export const STATUS_GLYPH: Record<Status, string> = { ok: '✔', warning: '▲', critical: '✖', unknown: '?' };
export const STATUS_WORD: Record<Status, string> = { ok: 'OK', warning: 'WARNING', critical: 'CRITICAL', unknown: 'UNKNOWN' };

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
  }
  .s-ok { color: var(--ok); }
  .s-warning { color: var(--warning); }
  .s-critical { color: var(--critical); }
  .s-unknown { color: var(--unknown); }
`;

export function statusVar(status: Status): string {
  return `var(--${status})`;
}

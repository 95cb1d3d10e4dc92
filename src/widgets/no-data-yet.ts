import { html, type TemplateResult } from 'lit';
import { STATUS_GLYPH } from './theme.js';

/**
 * What a list tile (alerts, builds, deploys, risk) shows before its source has said anything: the
 * server's reason when it gives one, else what the tile is waiting for. Sized by the widget's `.idle` rules.
 */
export function noDataYet(reason: string | null, waitingFor: string): TemplateResult {
  return html`<div class="idle s-unknown" data-part="waiting">
    <div class="big">${STATUS_GLYPH.unknown} No data yet</div>
    <div class="sub">${reason ?? waitingFor}</div>
  </div>`;
}

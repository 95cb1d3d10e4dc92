import { html, type TemplateResult } from 'lit';
import { unsafeStatic, html as staticHtml } from 'lit/static-html.js';
import type { TileView } from '../shared/tile-view.js';
// Each import registers one widget element (radiator-<widget>); add new widgets here.
import './alerts.js';
import './clock.js';
import './latency.js';
import './graph.js';
import './number.js';
import './builds.js';
import './deploys.js';
import './risk.js';
import './trend.js';

/** The element for a tile view: `<radiator-${widget}>` with the view bound, or a notice if unknown. */
export function widgetTemplate(view: TileView, offsetMs: number): TemplateResult {
  const tag = `radiator-${view.widget}`;
  if (!customElements.get(tag)) {
    return html`<div style="margin:auto;color:#8b949e">this display has no ${tag}; reload after an upgrade</div>`;
  }
  return staticHtml`<${unsafeStatic(tag)} .view=${view} .offsetMs=${offsetMs}></${unsafeStatic(tag)}>`;
}

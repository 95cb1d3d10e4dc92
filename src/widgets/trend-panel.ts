import { html, nothing, svg } from 'lit';
import type { TrendSeries } from '../shared/views/trend.js';
import { formatValue } from './format-value.js';
import type { RevisionTick } from './revision-ticks.js';
import { STATUS_GLYPH } from './theme.js';
import { LAYER_COLOURS, TREND_H, TREND_W } from './trend-chart.js';
import { panelAxis, tickStyle } from './trend-layout.js';

/**
 * One metric's panel, three cells of the chart's grid: its label (name, current value, the server's
 * detail, the layers' legend), its y axis, and the plot's SVG skeleton, which trend-chart.ts draws into.
 */
export function trendPanel(s: TrendSeries) {
  const { lo, top, topAt } = panelAxis(s);
  const unit = s.unit ? ` ${s.unit}` : '';
  return html`
    <div class="label" data-metric=${s.metric} data-status=${s.status}>
      <span class="name">${s.metric}</span>
      <span class="value s-${s.status}">${s.status === 'ok' ? nothing : `${STATUS_GLYPH[s.status]} `}${formatValue(s.current)}${unit}</span>
      <span class="detail s-${s.status}">${s.detail}</span>
      ${s.layers.length
        ? html`<span class="legend">${s.layers.map((l, i) => html`<span class="layer"><span class="swatch" style=${`--c:${LAYER_COLOURS[i % LAYER_COLOURS.length]}`}></span>${l.layer}</span>`)}</span>`
        : nothing}
    </div>
    <div class="y" aria-hidden="true">
      <span style=${`top:${topAt};transform:translateY(-50%)`}>${formatValue(top)}</span>
      <span style="bottom:0">${formatValue(lo)}</span>
      <span class="ghost">${formatValue(top)}</span>
    </div>
    <div class="plot" data-metric=${s.metric}>
      <svg viewBox="0 0 ${TREND_W} ${TREND_H}" preserveAspectRatio="none" role="img" aria-label=${`${s.metric}: ${s.detail}`}>
        ${svg`<path class="band"></path><path class="baseline"></path><path class="first-bad"></path><g class="layers"></g><path class="line-metric"></path><g class="dots"></g><g class="holes"></g>`}
      </svg>
    </div>
  `;
}

/** The shared revision axis under the panels: the labels that fit, the first bad revision red, the latest bright. */
export function revisionAxis(ticks: readonly RevisionTick[], firstBad: number | null, latest: number | null) {
  return html`<div class="x" aria-hidden="true">
    ${ticks.map(
      (t) => html`<span class=${t.ordinal === firstBad ? 'bad' : t.ordinal === latest ? 'latest' : ''} style=${tickStyle(t)}
        >${t.label}</span
      >`,
    )}
  </div>`;
}

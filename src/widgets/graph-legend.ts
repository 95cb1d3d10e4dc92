import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { GraphData, GraphSeries } from '../shared/views/graph.js';
import { formatSi } from './format-si.js';
import { seriesStyle } from './series-colours.js';
import { STATUS_GLYPH } from './theme.js';

/**
 * The graph's legend: each series' swatch (its colour and dash, as drawn), name, current value and,
 * when it is not ok, its status glyph and reason; the shared unit; a "+N" corner for the entries past
 * its last line (countHiddenLegend).
 */
export function graphLegend(data: GraphData) {
  // fewer series = larger legend; eight still readable from across the room
  const legendSize = `${data.series.length <= 3 ? 5.5 : data.series.length <= 6 ? 5 : 4.6}cqh`;
  return html`<div class="legend" style=${`--legend-size: ${legendSize}`}>
    ${repeat(
      data.series,
      (s) => s.key,
      (s, i) => html`<div class="item" data-key=${s.key} data-status=${s.status} title=${s.group ? `${s.group}: ${s.label}` : s.label}>
        <span class="swatch ${seriesStyle(i).dash}" style=${`--c:${seriesStyle(i).colour}`}></span>
        <span class="name">${s.label}</span>
        <span class="value s-${s.status === 'ok' ? 'plain' : s.status}"
          >${s.status === 'ok' ? nothing : `${STATUS_GLYPH[s.status]} `}${s.current === null && s.detail ? nothing : valueText(s, data)}</span
        >
        ${s.detail && s.status !== 'unknown' ? html`<span class="detail">${s.detail}</span>` : nothing}
      </div>`,
    )}
    ${data.unit ? html`<span class="unit">${data.unit}</span>` : nothing}
    <span class="more" hidden></span>
  </div>`;
}

/**
 * A legend longer than its lines hides the entries past the last line; "+N" in its corner says how
 * many, so a series drawn in the chart is never silently unnamed. Written straight into the DOM
 * (no re-render): it depends on layout, not on the view.
 */
export function countHiddenLegend(root: ParentNode): void {
  const legend = root.querySelector<HTMLElement>('.legend');
  const more = legend?.querySelector<HTMLElement>('.more');
  if (!legend || !more) return;
  const bottom = legend.clientHeight + 1;
  const hidden = [...legend.querySelectorAll<HTMLElement>('.item')].filter((item) => item.offsetTop + item.offsetHeight > bottom).length;
  more.hidden = hidden === 0;
  more.textContent = hidden ? `+${hidden}` : '';
}

/** The current value; with its own unit when the series do not share one. */
function valueText(s: GraphSeries, data: GraphData): string {
  const value = formatSi(s.current, data.base);
  return data.unit || !s.unit || s.current === null ? value : `${value} ${s.unit}`;
}

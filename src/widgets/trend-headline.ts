import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { TrendData, TrendRegression } from '../shared/views/trend.js';
import { STATUS_GLYPH } from './theme.js';
import { alsoWords, movedLayerWords, signedPercent } from './trend-words.js';

/**
 * What the trend tile leads with, as the server decided it (`data.headline`): a regression, a drift,
 * learning or steady, and how many metrics (`hidden`) have no panel. Lines carry `data-keep`: the
 * lower go first when the headline is short of room (trend-fit.ts).
 */
export function trendHeadline(data: TrendData, hidden: number) {
  const more = hidden > 0 ? html`<div class="line dim" data-part="more-metrics" data-keep="3">+${hidden} more metric${hidden === 1 ? '' : 's'} judged</div>` : nothing;
  switch (data.headline) {
    case 'regression':
      return regression(data.regression!, more);
    case 'drift': {
      const d = data.drift!;
      return html`<div class="headline s-warning" data-part="drift">
        <div class="big"><span>${STATUS_GLYPH.warning} Drifting ${signedPercent(d.changePercent)}</span> <span class="what">${d.metric}</span></div>
        <div class="line dim" data-keep="2">over ${d.fromRevision}–${d.toRevision}: no single revision to blame</div>
        ${more}
      </div>`;
    }
    case 'learning':
      return html`<div class="headline s-unknown" data-part="learning">
        <div class="big"><span>${STATUS_GLYPH.unknown} Learning</span></div>
        <div class="line dim" data-keep="2">no baseline yet: the first results of each metric set it</div>
        ${more}
      </div>`;
    default:
      return html`<div class="headline s-ok" data-part="steady">
        <div class="big"><span>${STATUS_GLYPH.ok} Steady</span></div>
        <div class="line dim" data-keep="2">every metric within its band</div>
        ${more}
      </div>`;
  }
}

/** The first bad revision large, then what it did, the layer that moved, and the commits it brought. */
function regression(r: TrendRegression, more: unknown) {
  const change = r.changePercent === null ? 'worse' : signedPercent(r.changePercent);
  const via = r.commitsFrom !== null && r.commitsFrom !== 'event' ? html` <span class="via">(${r.commitsFrom})</span>` : nothing;
  const also = alsoWords(r);
  return html`<div class="headline s-critical" data-part="regression">
    <div class="big"><span class="glyph">${STATUS_GLYPH.critical}</span> <span class="rev">${r.revision}</span> <span>${change}</span> <span class="what">${r.metric}</span></div>
    ${r.layers ? html`<div class="line layers-moved" data-part="layers" data-keep="5">${layerWords(r)}</div>` : nothing}
    ${r.commits.length
      ? repeat(
          r.commits,
          (c) => c.id,
          (c, i) => html`<div class="line" data-part="commit" data-keep=${i === 0 ? 4 : 2 - i / 10}><span class="id">${c.id}</span> <span class="author">${c.author ?? 'unknown author'}</span> — ${c.message ?? '(no message)'}${i === 0 ? via : nothing}</div>`,
        )
      : html`<div class="line dim" data-part="commit" data-keep="4">no commits known for ${r.revision}</div>`}
    ${also ? html`<div class="line dim" data-part="also" data-keep="1">${also}</div>` : nothing}
    ${more}
  </div>`;
}

/** "db +75 %, cpu flat" with the layer that moved in bold red. */
function layerWords(r: TrendRegression) {
  const split = movedLayerWords(r);
  return split ? html`<span class="moved">${split.moved}</span>${split.rest}` : (r.layers ?? '');
}

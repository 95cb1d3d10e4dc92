import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { scaleLinear } from 'd3-scale';
import type { TrendTileView } from '../shared/tile-view.js';
import type { TrendRegression, TrendSeries } from '../shared/views/trend.js';
import { formatValue } from './format-value.js';
import { headlineMessageStyles, widgetHostStyles } from './host-styles.js';
import { revisionTicks, type RevisionTick } from './revision-ticks.js';
import { STATUS_GLYPH } from './theme.js';
import { drawTrendChart, LAYER_COLOURS, TREND_H, TREND_W, trendDomain } from './trend-chart.js';
import { ResizeController } from './resize-controller.js';

/** A panel's plot needs this many of its label lines of height to show a line and two axis labels. */
const MIN_PLOT_LINES = 3.2;

/**
 * @summary Performance per revision: one panel per metric on a shared axis of revisions (in the order
 * they were tested), each result a dot — green within the band of normal values, red on a
 * regression, a red ring for an outlier that recovered — over the baseline band, with the metric's
 * layers (cpu, db, …) as thin dashed lines. On a regression the headline names the first bad revision,
 * how much worse, the layer that moved and the commits it brought (author — message), with a line
 * across every panel at that revision. The server judges every result; this only draws them.
 */
@customElement('radiator-trend')
export class RadiatorTrend extends LitElement {
  @property({ attribute: false }) view!: TrendTileView;
  /** Panels the body has room for (measured): a small tile shows fewer, never squashed ones. */
  @state() private panelRoom = 6;
  /** Revision labels that fit the axis at its current width (measured). */
  @state() private ticks: RevisionTick[] = [];

  static override styles = [
    widgetHostStyles,
    headlineMessageStyles,
    css`
      :host {
        padding: 0.5cqh 2.5cqmin 1cqh;
        gap: 1cqh;
        overflow: hidden;
        --big-font: clamp(var(--value-min), min(8cqh, 4.4cqw), 9vh);
        --line-font: clamp(var(--text-min), min(4.6cqh, 3cqw), 5vh);
        --axis-font: clamp(var(--text-min), min(3.6cqh, 2.4cqw), 4vh);
      }
      /*
       * The headline takes what the chart leaves: at most about two fifths of the tile, and never the
       * room one panel needs (its label, a plot of a few lines, the revision axis); its big line always.
       * Lines that do not fit are hidden whole, the last first (measure()).
       */
      .headline {
        flex: none;
        max-height: max(1.25 * var(--big-font), min(40cqh, 100cqh - 7.5 * var(--axis-font)));
        overflow: hidden;
        display: flex;
        flex-direction: column;
        gap: 0.4cqh;
        line-height: 1.2;
      }
      .headline.s-critical {
        border-left: 0.3em solid var(--critical);
        padding-left: 0.5em;
        background: rgba(248, 81, 73, 0.1);
      }
      .headline > * {
        flex: none;
      }
      /* the revision and the change stay whole; the metric's name gives way (ellipsis) in a narrow tile */
      .big {
        display: flex;
        gap: 0.3em;
        font-size: var(--big-font);
        font-weight: 800;
        white-space: nowrap;
        min-width: 0;
      }
      .big > span {
        flex: none;
      }
      .big > .what {
        flex: 0 1 auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .big .rev {
        font-variant-numeric: tabular-nums;
      }
      .big .what {
        color: var(--fg);
      }
      .line {
        font-size: var(--line-font);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
        color: var(--fg);
      }
      .line .id {
        color: var(--fg-dim);
        font-variant-numeric: tabular-nums;
      }
      .line .author {
        font-weight: 700;
      }
      .line.dim,
      .line .via {
        color: var(--fg-dim);
      }
      .layers-moved .moved {
        color: var(--critical);
        font-weight: 800;
      }
      .chart {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        column-gap: 0.6em;
        font-size: var(--axis-font);
        color: var(--fg-dim);
        font-variant-numeric: tabular-nums;
      }
      .label {
        grid-column: 1 / span 2;
        display: flex;
        align-items: baseline;
        gap: 0.5em;
        min-width: 0;
        white-space: nowrap;
        line-height: 1.2;
        padding-top: 0.3em;
      }
      .label .name {
        flex: 0 1 auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        color: var(--fg);
        font-weight: 600;
      }
      .label .value {
        flex: none;
        font-weight: 800;
      }
      .label .detail {
        flex: 0 1 auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .label .detail.s-ok {
        color: var(--fg-dim);
      }
      /* the layers' legend keeps whole entries: one that does not fit wraps onto a hidden second line */
      .legend {
        flex: 1 1 0;
        min-width: 0;
        display: flex;
        flex-wrap: wrap;
        justify-content: flex-end;
        column-gap: 0.8em;
        height: 1.2em;
        overflow: hidden;
      }
      .legend .layer {
        flex: none;
        display: flex;
        align-items: center;
        gap: 0.3em;
      }
      .swatch {
        width: 1em;
        height: 0.25em;
        background: repeating-linear-gradient(90deg, var(--c) 0 0.3em, transparent 0.3em 0.45em);
      }
      .y {
        position: relative;
        text-align: right;
        min-height: 0;
      }
      .y span {
        position: absolute;
        right: 0;
        line-height: 1;
        white-space: nowrap;
      }
      .y .ghost {
        position: static;
        visibility: hidden;
      }
      .plot {
        position: relative;
        min-height: 0;
        border-bottom: 1px solid var(--tile-border);
      }
      svg {
        position: absolute;
        inset: 0;
        width: 100%;
        height: 100%;
        overflow: hidden;
      }
      .band { fill: rgba(154, 164, 175, 0.16); stroke: none; }
      .baseline { fill: none; stroke: var(--fg-dim); stroke-width: clamp(0.1vh, 0.2cqmin, 0.3vh); stroke-dasharray: 0.8vh 0.6vh; vector-effect: non-scaling-stroke; }
      .first-bad { fill: none; stroke: var(--critical); stroke-width: clamp(0.18vh, 0.35cqmin, 0.55vh); stroke-dasharray: 1vh 0.6vh; vector-effect: non-scaling-stroke; opacity: 0.8; }
      .layers path { fill: none; stroke-width: clamp(0.18vh, 0.3cqmin, 0.45vh); stroke-dasharray: 1.1vh 0.6vh; vector-effect: non-scaling-stroke; }
      .line-metric { fill: none; stroke: var(--fg); stroke-width: clamp(0.2vh, 0.4cqmin, 0.65vh); vector-effect: non-scaling-stroke; stroke-linejoin: round; }
      .dot { fill: none; stroke-linecap: round; stroke-width: clamp(0.85vh, 1.6cqmin, 2.4vh); vector-effect: non-scaling-stroke; }
      .hole { fill: none; stroke-linecap: round; stroke: var(--tile-bg); stroke-width: clamp(0.4vh, 0.8cqmin, 1.2vh); vector-effect: non-scaling-stroke; }
      .v-ok, .v-improved { stroke: var(--ok); }
      .v-regressed, .v-outlier { stroke: var(--critical); }
      .v-learning { stroke: var(--unknown); }
      .x {
        grid-column: 2;
        position: relative;
        height: 1.5em;
      }
      .x span {
        position: absolute;
        top: 0.3em;
        line-height: 1;
        white-space: nowrap;
      }
      .x span.bad {
        color: var(--critical);
        font-weight: 800;
      }
      .x span.latest {
        color: var(--fg);
      }
    `,
  ];

  constructor() {
    super();
    // on a new size: how many panels fit, which revision labels fit, which commit lines fit
    new ResizeController(this, () => this.measure());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('view')) this.dataset.headline = this.view?.data.headline ?? '';
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    if (data.headline === 'waiting' || data.series.length === 0) {
      return html`<div class="idle s-unknown" data-part="waiting">
        <div class="big">${STATUS_GLYPH.unknown} No results yet</div>
        <div class="line dim">${view.reason ?? 'waiting for the first perf results'}</div>
      </div>`;
    }
    const shown = data.series.slice(0, Math.max(1, this.panelRoom));
    const hidden = data.series.length - shown.length + data.moreSeries;
    const rows = shown.map(() => 'auto minmax(0, 1fr)').join(' ');
    return html`
      ${this.headline(hidden)}
      <div class="chart" style=${`grid-template-rows: ${rows} auto`}>
        ${repeat(shown, (s) => s.metric, (s) => this.panel(s))}
        <div class="x" aria-hidden="true">
          ${this.ticks.map(
            (t) => html`<span class=${t.ordinal === data.regression?.ordinal ? 'bad' : t.ordinal === data.revisions[data.revisions.length - 1]?.ordinal ? 'latest' : ''} style=${tickStyle(t)}
              >${t.label}</span
            >`,
          )}
        </div>
      </div>
    `;
  }

  private headline(hidden: number) {
    const data = this.view.data;
    const more = hidden > 0 ? html`<div class="line dim" data-part="more-metrics" data-keep="3">+${hidden} more metric${hidden === 1 ? '' : 's'} judged</div>` : nothing;
    switch (data.headline) {
      case 'regression':
        return this.regression(data.regression!, more);
      case 'drift': {
        const d = data.drift!;
        return html`<div class="headline s-warning" data-part="drift">
          <div class="big"><span>${STATUS_GLYPH.warning} Drifting ${signed(d.changePercent)}</span> <span class="what">${d.metric}</span></div>
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
  private regression(r: TrendRegression, more: unknown) {
    const change = r.changePercent === null ? 'worse' : signed(r.changePercent);
    const via = r.commitsFrom !== null && r.commitsFrom !== 'event' ? html` <span class="via">(${r.commitsFrom})</span>` : nothing;
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
      ${r.moreCommits || r.alsoRegressed.length
        ? html`<div class="line dim" data-part="also" data-keep="1">${[r.moreCommits ? `+${r.moreCommits} more commit${r.moreCommits === 1 ? '' : 's'}` : '', r.alsoRegressed.length ? `also red: ${r.alsoRegressed.join(', ')}` : ''].filter(Boolean).join(' · ')}</div>`
        : nothing}
      ${more}
    </div>`;
  }

  private panel(s: TrendSeries) {
    const [lo, hi] = trendDomain(s);
    const top = scaleLinear().domain([lo, hi]).ticks(3).filter((t) => t > lo).pop() ?? hi;
    const pct = (value: number) => `${(1 - (value - lo) / (hi - lo)) * 100}%`;
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
        <span style=${`top:${pct(top)};transform:translateY(-50%)`}>${formatValue(top)}</span>
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

  protected override updated(): void {
    const data = this.view?.data;
    if (!data || data.revisions.length === 0) return;
    const first = data.revisions[0]!.ordinal;
    const last = data.revisions[data.revisions.length - 1]!.ordinal;
    for (const s of data.series) {
      const plot = this.renderRoot.querySelector<SVGSVGElement>(`.plot[data-metric="${CSS.escape(s.metric)}"] svg`);
      if (plot) drawTrendChart(plot, { series: s, first, last, firstBad: data.regression?.ordinal ?? null });
    }
    this.measure();
  }

  /**
   * Layout-dependent choices, made from measured sizes and written as state only when they change:
   * how many panels keep a readable plot, which revision labels fit the axis without touching, and
   * which commit lines fit the headline (the rest hidden whole, never cut).
   */
  private measure(): void {
    const data = this.view?.data;
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    const axis = this.renderRoot.querySelector<HTMLElement>('.x');
    if (!data || !chart || !axis) return;
    const label = this.renderRoot.querySelector<HTMLElement>('.label');
    const lineHeight = label?.offsetHeight || 24;
    const room = Math.max(1, Math.floor((chart.clientHeight - axis.offsetHeight) / (lineHeight * (1 + MIN_PLOT_LINES))));
    const panels = Math.min(6, room);
    if (panels !== this.panelRoom) this.panelRoom = panels;

    const em = parseFloat(getComputedStyle(axis).fontSize) || 16;
    const keep = data.regression ? [data.regression.ordinal] : [];
    // tabular digits and short ids: 0.62 em a character is a little wider than any of them
    const ticks = revisionTicks(data.revisions, axis.clientWidth, (text) => text.length * em * 0.62, em, keep);
    if (!sameTicks(ticks, this.ticks)) this.ticks = ticks;

    // a layer's legend entry is shown whole or not at all
    for (const legend of this.renderRoot.querySelectorAll<HTMLElement>('.legend')) {
      const box = legend.getBoundingClientRect();
      for (const entry of legend.querySelectorAll<HTMLElement>('.layer')) {
        entry.style.visibility = '';
        const r = entry.getBoundingClientRect();
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5) entry.style.visibility = 'hidden';
      }
    }

    const headline = this.renderRoot.querySelector<HTMLElement>('.headline');
    if (headline) {
      // what does not fit goes whole, the least telling first (data-keep: the later commits, then the
      // others red too, then how many metrics are not shown, the first commit, the layers last of all)
      const lines = [...headline.querySelectorAll<HTMLElement>('.line')];
      for (const line of lines) line.style.display = '';
      const byKeep = [...lines].sort((a, b) => Number(a.dataset.keep ?? 0) - Number(b.dataset.keep ?? 0));
      for (const line of byKeep) {
        if (headline.scrollHeight <= headline.clientHeight + 0.5) break;
        line.style.display = 'none';
      }
    }
  }
}

function sameTicks(a: readonly RevisionTick[], b: readonly RevisionTick[]): boolean {
  return a.length === b.length && a.every((t, i) => t.ordinal === b[i]!.ordinal && t.anchor === b[i]!.anchor && t.at === b[i]!.at);
}

function tickStyle(t: RevisionTick): string {
  const shift = t.anchor === 'start' ? '0' : t.anchor === 'end' ? '-100%' : '-50%';
  return `left:${t.at * 100}%;transform:translateX(${shift})`;
}

function signed(percent: number): string {
  const amount = Math.abs(percent) >= 10 ? Math.round(Math.abs(percent)) : Math.round(Math.abs(percent) * 10) / 10;
  return amount === 0 ? '±0 %' : `${percent > 0 ? '+' : '−'}${amount} %`;
}

/** "db +75 %, cpu flat" with the layer that moved in bold red. */
function layerWords(r: TrendRegression) {
  const words = r.layers ?? '';
  if (!r.movedLayer || !words.startsWith(r.movedLayer)) return words;
  return html`<span class="moved">${words.slice(0, words.indexOf(',') < 0 ? words.length : words.indexOf(','))}</span>${words.indexOf(',') < 0 ? '' : words.slice(words.indexOf(','))}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-trend': RadiatorTrend;
  }
}

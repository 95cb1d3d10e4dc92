import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { TrendTileView } from '../shared/tile-view.js';
import { headlineMessageStyles, widgetHostStyles } from './host-styles.js';
import { ResizeController } from './resize-controller.js';
import { revisionTicks, type RevisionTick } from './revision-ticks.js';
import { STATUS_GLYPH } from './theme.js';
import { drawTrendChart } from './trend-chart.js';
import { fitHeadline, fitLegends } from './trend-fit.js';
import { trendHeadline } from './trend-headline.js';
import { MAX_PANELS, panelRoom, sameTicks } from './trend-layout.js';
import { revisionAxis, trendPanel } from './trend-panel.js';
import { trendStyles } from './trend-styles.js';

/**
 * @summary Performance per revision: one panel per metric on a shared axis of revisions (in the order
 * they were tested), each result a dot — green within the band of normal values, red on a
 * regression, a red ring for an outlier that recovered — over the baseline band, with the metric's
 * layers (cpu, db, …) as thin dashed lines. On a regression the headline names the first bad revision,
 * how much worse, the layer that moved and the commits it brought (author — message), with a line
 * across every panel at that revision. The server judges every result; this only draws them.
 * The headline is trend-headline.ts (its words trend-words.ts), a panel and the revision axis
 * trend-panel.ts, drawn by trend-chart.ts; what fits is trend-layout.ts (pure), revision-ticks.ts
 * (pure) and trend-fit.ts; the styles trend-styles.ts.
 */
@customElement('radiator-trend')
export class RadiatorTrend extends LitElement {
  @property({ attribute: false }) view!: TrendTileView;
  /** Panels the body has room for (measured): a small tile shows fewer, never squashed ones. */
  @state() private panelRoom = MAX_PANELS;
  /** Revision labels that fit the axis at its current width (measured). */
  @state() private ticks: RevisionTick[] = [];

  static override styles = [widgetHostStyles, headlineMessageStyles, trendStyles];

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
      ${trendHeadline(data, hidden)}
      <div class="chart" style=${`grid-template-rows: ${rows} auto`}>
        ${repeat(shown, (s) => s.metric, (s) => trendPanel(s))}
        ${revisionAxis(this.ticks, data.regression?.ordinal ?? null, data.revisions[data.revisions.length - 1]?.ordinal ?? null)}
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
   * which legend entries and headline lines fit (the rest hidden whole, never cut).
   */
  private measure(): void {
    const data = this.view?.data;
    const chart = this.renderRoot.querySelector<HTMLElement>('.chart');
    const axis = this.renderRoot.querySelector<HTMLElement>('.x');
    if (!data || !chart || !axis) return;
    const label = this.renderRoot.querySelector<HTMLElement>('.label');
    const panels = panelRoom(chart.clientHeight, axis.offsetHeight, label?.offsetHeight || 24);
    if (panels !== this.panelRoom) this.panelRoom = panels;

    const em = parseFloat(getComputedStyle(axis).fontSize) || 16;
    const keep = data.regression ? [data.regression.ordinal] : [];
    // tabular digits and short ids: 0.62 em a character is a little wider than any of them
    const ticks = revisionTicks(data.revisions, axis.clientWidth, (text) => text.length * em * 0.62, em, keep);
    if (!sameTicks(ticks, this.ticks)) this.ticks = ticks;

    fitLegends(this.renderRoot);
    fitHeadline(this.renderRoot);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-trend': RadiatorTrend;
  }
}

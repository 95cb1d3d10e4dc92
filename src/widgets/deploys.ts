import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { DeploysTileView } from '../shared/tile-view.js';
import type { DeployItemView, DeployLaneView, DeployOutcome, PromotionStepView } from '../shared/views/deploys.js';
import { formatCalendarTime } from './calendar-time.js';
import { headlineMessageStyles, idleMessageSizes, widgetHostStyles } from './host-styles.js';
import { formatAge } from './relative-time.js';
import { ResizeController } from './resize-controller.js';
import { STATUS_GLYPH, TEXT_MIN_VH } from './theme.js';
import { TickingClock } from './ticking-clock.js';

/** One glyph per outcome, so none is told apart by hue alone (each also has its word). */
const GLYPH: Record<DeployOutcome, string> = {
  running: '▶',
  stalled: '▲',
  succeeded: '✔',
  failed: '✖',
  rolled_back: '↶',
};
const TONE: Record<DeployOutcome, string> = {
  running: 'd-running',
  stalled: 's-warning',
  succeeded: 's-ok',
  failed: 's-critical',
  rolled_back: 's-critical',
};
/** A lane's glyph: its status, except a lane that is fine and deploying shows that. */
const laneGlyph = (lane: DeployLaneView): string => (lane.status === 'ok' && lane.running.length > 0 ? GLYPH.running : STATUS_GLYPH[lane.status]);
const laneTone = (lane: DeployLaneView): string => (lane.status === 'ok' && lane.running.length > 0 ? 'd-running' : `s-${lane.status}`);

/** Below this many text-floor heights of width per lane, lanes become one row each. */
const MIN_LANE_WIDTH_IN_LINES = 6.5;

/**
 * @summary Deploys per environment for reading across a room: one lane per environment side by
 * side in promotion order, each with its state as colour, glyph and word (red while a failed or
 * rolled-back deploy is not followed by a success, amber while a deploy is stalled), what runs there
 * now and since when, a deploy in progress with its step, progress and elapsed time (ticking here),
 * and the last outcomes; under the lanes how far each environment is behind the one before ("prod
 * 2 manifests behind staging · M-4409 since Tue"). On a tile too narrow for columns each lane is one
 * row. Whatever does not fit is left out whole, never clipped. The server decides every state; this
 * only lays it out.
 */
@customElement('radiator-deploys')
export class RadiatorDeploys extends LitElement {
  @property({ attribute: false }) view!: DeploysTileView;
  /** Server time minus display time, in ms, so elapsed times are right on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** Elapsed times of running deploys move between server updates, which only come when something changed. */
  private readonly clock = new TickingClock(this, 1_000);

  static override styles = [
    widgetHostStyles,
    headlineMessageStyles,
    idleMessageSizes,
    css`
      :host {
        padding: 0.5cqh 1.5cqw 1cqh;
        gap: 1.2cqh;
        overflow: hidden;
        --running: #58a6ff;
        /* the number of lanes, set when the view changes (willUpdate) */
        --lanes: 3;
        --env-font: clamp(var(--text-min), min(6.5cqh, calc(11cqw / var(--lanes))), 8vh);
        --what-font: clamp(var(--value-min), min(9cqh, calc(14cqw / var(--lanes))), 11vh);
        --line-font: clamp(var(--text-min), min(3.8cqh, calc(6.5cqw / var(--lanes))), 4.5vh);
      }
      .d-running {
        color: var(--running);
      }
      .lanes {
        flex: 1 1 auto;
        min-height: 0;
        display: grid;
        grid-template-columns: repeat(var(--lanes), minmax(0, 1fr));
        grid-template-rows: minmax(0, 1fr);
        gap: 1.2cqw;
      }
      .lane {
        min-width: 0;
        min-height: 0;
        overflow: hidden;
        display: flex;
        flex-direction: column;
        gap: 0.9cqh;
        padding: 0.6cqh 0.7cqw;
        border-top: 0.6cqh solid currentColor;
        background: rgba(255, 255, 255, 0.035);
      }
      .lane.s-critical {
        background: rgba(248, 81, 73, 0.12);
      }
      .lane.s-warning {
        background: rgba(227, 179, 65, 0.1);
      }
      .line {
        display: flex;
        align-items: baseline;
        gap: 0.35em;
        min-width: 0;
        white-space: nowrap;
      }
      .clip {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .keep {
        flex: none;
      }
      /* a narrow lane puts its state under its name rather than cut either */
      .head {
        flex: none;
        flex-wrap: wrap;
        row-gap: 0.1em;
        font-size: var(--env-font);
        font-weight: 800;
        line-height: 1.1;
      }
      .head .state {
        margin-left: auto;
      }
      .head .env {
        color: var(--fg);
      }
      .head .state {
        font-size: max(var(--text-min), 0.62em);
        letter-spacing: 0.02em;
      }
      .now {
        flex: none;
        display: flex;
        flex-direction: column;
        gap: 0.2cqh;
      }
      .now .what {
        font-size: var(--what-font);
        font-weight: 800;
        line-height: 1.05;
        color: var(--fg);
      }
      .small {
        font-size: var(--line-font);
        line-height: 1.2;
        color: var(--fg-dim);
      }
      .small .fg {
        color: var(--fg);
        font-weight: 700;
      }
      .nothing {
        font-size: var(--line-font);
        color: var(--fg-dim);
        font-style: italic;
      }
      .card {
        flex: none;
        display: flex;
        flex-direction: column;
        gap: 0.3cqh;
        border-left: 0.25em solid currentColor;
        padding: 0.2em 0 0.25em 0.45em;
        font-size: var(--line-font);
        line-height: 1.2;
        background: rgba(255, 255, 255, 0.04);
      }
      .card .title {
        flex-wrap: wrap;
        row-gap: 0;
        font-weight: 800;
      }
      .card .title .what {
        max-width: 100%;
      }
      .card .why {
        color: var(--fg);
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .card .title .what {
        color: var(--fg);
      }
      .bar {
        height: 0.5em;
        border-radius: 0.25em;
        background: rgba(255, 255, 255, 0.1);
        overflow: hidden;
      }
      .bar .fill {
        display: block;
        height: 100%;
        background: currentColor;
      }
      .bar.unknown .fill {
        width: 100%;
        opacity: 0.3;
      }
      .recent {
        flex: none;
        margin: 0;
        padding: 0;
        list-style: none;
        display: flex;
        flex-direction: column;
        gap: 0.3cqh;
        font-size: var(--line-font);
        line-height: 1.2;
      }
      .recent .what {
        color: var(--fg);
        font-weight: 600;
      }
      .recent .age {
        margin-left: auto;
        padding-left: 0.3em;
        color: var(--fg-dim);
      }
      .promotion {
        flex: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.2em 1.4em;
        font-size: clamp(var(--text-min), min(3.6cqh, 2.4cqw), 4.5vh);
        line-height: 1.25;
        border-top: 1px solid var(--tile-border);
        padding-top: 0.3em;
        overflow: hidden;
      }
      .promotion .step {
        max-width: 100%;
      }
      .promotion .env {
        color: var(--fg);
        font-weight: 800;
      }
      .promotion .text {
        color: var(--fg);
      }
      .promotion .step.s-warning .text {
        color: var(--warning);
        font-weight: 700;
      }
      /* one row per lane, on tiles too narrow for columns (set by the resize observer) */
      :host([data-shape='rows']) .lanes {
        display: flex;
        flex-direction: column;
        gap: 0.6cqh;
      }
      :host([data-shape='rows']) .lane {
        flex: none;
        flex-direction: row;
        flex-wrap: nowrap;
        align-items: baseline;
        gap: 0.5em;
        padding: 0.2em 0.4em;
        border-top: none;
        border-left: 0.3em solid currentColor;
        font-size: clamp(var(--text-min), min(calc(46cqh / var(--lanes)), 7cqw), 7vh);
      }
      :host([data-shape='rows']) .head {
        font-size: 1em;
        flex: 0 1 auto;
        flex-wrap: nowrap;
      }
      :host([data-shape='rows']) .head .state {
        margin-left: 0;
      }
      /* what runs there gives way first: the name and the state are the news */
      :host([data-shape='rows']) .now {
        flex: 0 1000 auto;
        min-width: 0;
        margin-left: auto;
      }
      :host([data-shape='rows']) .now .what {
        font-size: 1em;
      }
      :host([data-shape='rows']) .now .small,
      :host([data-shape='rows']) .card,
      :host([data-shape='rows']) .recent,
      :host([data-shape='rows']) .nothing,
      :host([data-shape='rows']) .promotion {
        display: none;
      }
    `,
  ];

  constructor() {
    super();
    // on a new size: columns or rows, and which parts no longer fit
    new ResizeController(this, () => this.fitToSize());
  }

  /** The lane count sizes the type; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    if (!changed.has('view') || !this.view) return;
    this.style.setProperty('--lanes', String(Math.max(1, this.view.data.lanes.length)));
  }

  protected override updated(): void {
    // also on the clock's ticks: a longer "12 min ago" may wrap a card's title onto a second line
    this.fitToSize();
  }

  /**
   * Lanes too narrow for their text become rows. Then each lane drops its least important parts
   * (`data-fit`: lower goes first; of equals, the lower on the tile) until the rest fits, so a part is
   * shown whole or not at all; the promotion line and rows that do not fit are hidden whole.
   * Written straight into the DOM (no re-render): it depends on layout, not on the view.
   */
  private fitToSize(): void {
    const lanes = Math.max(1, this.view?.data.lanes.length ?? 1);
    const floorPx = (window.innerHeight * TEXT_MIN_VH) / 100;
    const shape = this.clientWidth / lanes < MIN_LANE_WIDTH_IN_LINES * floorPx ? 'rows' : 'columns';
    if (this.dataset.shape !== shape) this.dataset.shape = shape;
    for (const lane of this.renderRoot.querySelectorAll<HTMLElement>('.lane')) {
      if (shape === 'columns') dropUntilItFits(lane);
      else showWhatRunsIfWhole(lane);
    }
    const rows = this.renderRoot.querySelector<HTMLElement>('.lanes');
    if (shape === 'rows' && rows) hideWhatOverflows(rows, [...rows.querySelectorAll<HTMLElement>('.lane')]);
    const promotion = this.renderRoot.querySelector<HTMLElement>('.promotion');
    if (promotion) hideWhatOverflows(promotion, [...promotion.querySelectorAll<HTMLElement>('.step')]);
  }

  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    if (data.headline === 'waiting') {
      return html`<div class="idle s-unknown" data-part="waiting">
        <div class="big">${STATUS_GLYPH.unknown} No data yet</div>
        <div class="sub">${view.reason ?? 'waiting for the first deploy'}</div>
      </div>`;
    }
    if (data.lanes.length === 0) {
      return html`<div class="idle s-unknown" data-part="no-deploys">
        <div class="big">${STATUS_GLYPH.unknown} No deploys</div>
        <div class="sub">${view.reason ?? 'none reported yet'}</div>
      </div>`;
    }
    return html`
      <div class="lanes" data-part="lanes">${repeat(data.lanes, (l) => l.env, (l) => this.lane(l))}</div>
      ${data.promotion.length
        ? html`<div class="promotion" data-part="promotion">${repeat(data.promotion, (s) => s.env, (s) => this.step(s))}</div>`
        : nothing}
    `;
  }

  private get now(): number {
    return this.clock.now + this.offsetMs;
  }

  /**
   * One environment. What shows first when room is short (data-fit, higher stays longer): its name and
   * state and what runs there always, then a failure keeping it red (its state says that it is red,
   * this says what), a deploy running, since when and by whom, version and ticket, the others running
   * there, and the recent outcomes last.
   */
  private lane(lane: DeployLaneView) {
    const current = lane.current[0];
    const others = lane.current.slice(1);
    // the failures that keep the lane red have their own cards; the list is the rest of the history
    const brokenKeys = new Set(lane.broken.map((d) => d.key));
    return html`<section class="lane ${laneTone(lane)}" data-env=${lane.env} data-status=${lane.status}>
      <div class="line head">
        <span class="env clip">${lane.env}</span> <span class="state keep">${laneGlyph(lane)} ${lane.word}</span>
      </div>
      ${current
        ? html`<div class="now" data-part="now">
            <div class="line what"><span class="manifest clip">${current.what}</span></div>
            <div class="line small" data-fit="4">${this.sinceAndBy(current)}</div>
            ${current.version !== null || current.ticket !== null
              ? html`<div class="line small" data-fit="3"><span class="clip">${[current.version, current.ticket?.id].filter((t) => t !== null && t !== undefined).join(' · ')}</span></div>`
              : nothing}
            ${others.length
              ? html`<div class="line small" data-fit="2"><span class="clip">also ${others.map((d) => `${d.what}${d.version ? ` ${d.version}` : ''}`).join(' · ')}</span></div>`
              : nothing}
          </div>`
        : html`<div class="nothing" data-fit="4">nothing deployed yet</div>`}
      ${repeat(lane.running, (d) => d.key, (d) => this.running(d))}
      ${repeat(lane.broken.slice(0, 2), (d) => d.key, (d) => this.broken(d))}
      <ul class="recent">
        ${repeat(lane.recent.filter((d) => !brokenKeys.has(d.key)), (d) => d.key, (d) => this.recent(d))}
      </ul>
    </section>`;
  }

  /** "since Tue · deploy-bot": since when it runs, and who deployed it. */
  private sinceAndBy(d: DeployItemView) {
    const since = d.finishedAt ?? d.startedAt;
    return html`<span class="keep">since <span class="fg">${formatCalendarTime(since, this.now)}</span></span> ${d.by ? html`<span class="clip">· ${d.by}</span>` : nothing}`;
  }

  /** A deploy in progress: what, its step and progress (a CI build's from its usual duration), and for how long. */
  private running(d: DeployItemView) {
    const elapsed = Math.max(0, this.now - d.startedAt);
    const fraction = d.progress ?? (d.estimatedMs !== null ? Math.min(1, elapsed / d.estimatedMs) : null);
    const detail = [fraction !== null ? `${Math.round(fraction * 100)}%` : null, d.step, d.version].filter(Boolean).join(' · ');
    return html`<div class="card ${TONE[d.outcome]}" data-fit="5" data-deploy=${d.key} data-outcome=${d.outcome}>
      <div class="line title"><span class="keep">${GLYPH[d.outcome]} ${d.word}</span> <span class="what clip">${d.what}</span></div>
      <div class="bar ${fraction === null ? 'unknown' : ''}" role="progressbar" aria-valuenow=${fraction === null ? nothing : Math.round(fraction * 100)}>
        <span class="fill" style=${fraction === null ? '' : `width:${(fraction * 100).toFixed(1)}%`}></span>
      </div>
      <div class="line small"><span class="clip">${detail || (d.by ? `by ${d.by}` : 'running')}</span> <span class="keep fg elapsed">${formatAge(elapsed)}</span></div>
    </div>`;
  }

  /** A failure that keeps the lane red: what, how long ago, and why when the tool said. */
  private broken(d: DeployItemView) {
    const ended = d.finishedAt ?? d.startedAt;
    return html`<div class="card ${TONE[d.outcome]}" data-fit="6" data-deploy=${d.key} data-outcome=${d.outcome}>
      <div class="line title"><span class="keep">${GLYPH[d.outcome]} ${d.word}</span> <span class="what clip">${d.what}</span> <span class="keep age">${formatAge(this.now - ended)} ago</span></div>
      ${d.message || d.version ? html`<div class="why">${d.message ?? d.version}</div>` : nothing}
    </div>`;
  }

  private recent(d: DeployItemView) {
    return html`<li class="line ${TONE[d.outcome]}" data-fit="1" data-deploy=${d.key} data-outcome=${d.outcome} title=${d.word}>
      <span class="keep">${GLYPH[d.outcome]}</span> <span class="what clip">${d.what}</span> <span class="age keep">${formatAge(this.now - (d.finishedAt ?? d.startedAt))}</span>
    </li>`;
  }

  /** "prod 2 manifests behind staging · M-4409 since Tue"; in step, or cannot tell, said as such. */
  private step(s: PromotionStepView) {
    const since = s.since !== null ? ` since ${formatCalendarTime(s.since, this.now)}` : '';
    const text =
      s.manifest === null
        ? `nothing deployed yet${s.waiting.length ? `, ${s.waiting.length === 1 ? '1 manifest' : `${s.waiting.length} manifests`} waiting in ${s.from}` : ''}`
        : s.behind === null
          ? `runs ${s.manifest}, not in ${s.from}'s history`
          : s.behind === 0
            ? `in step with ${s.from} · ${s.manifest}${since}`
            : `${s.behind === 1 ? '1 manifest' : `${s.behind} manifests`} behind ${s.from} · ${s.manifest}${since}`;
    return html`<span class="step line ${s.tooFar ? 's-warning' : ''}" data-step=${s.env} data-too-far=${s.tooFar}
      ><span class="keep">${s.tooFar ? STATUS_GLYPH.warning : s.behind === 0 ? STATUS_GLYPH.ok : '◀'}</span> <span class="env keep">${s.env}</span>
      <span class="text clip">${text}</span></span
    >`;
  }
}

/** Hides the parts of a lane that matter least (lowest `data-fit`, the lower one first) until the rest fits inside it. */
function dropUntilItFits(lane: HTMLElement): void {
  const parts = [...lane.querySelectorAll<HTMLElement>('[data-fit]')];
  for (const part of [...parts, lane.querySelector<HTMLElement>('.now')]) if (part) part.style.display = '';
  const dropOrder = parts.map((part, i) => ({ part, i, rank: Number(part.dataset.fit) })).sort((a, b) => a.rank - b.rank || b.i - a.i);
  const padding = parseFloat(getComputedStyle(lane).paddingBottom) || 0;
  const overflows = () => {
    const bottom = lane.getBoundingClientRect().bottom - padding + 0.5;
    return parts.some((part) => part.style.display !== 'none' && part.getBoundingClientRect().bottom > bottom);
  };
  for (const { part } of dropOrder) {
    if (!overflows()) return;
    part.style.display = 'none';
  }
}

/** A lane as one row: what runs there is shown only when it fits whole beside the name and state. */
function showWhatRunsIfWhole(lane: HTMLElement): void {
  const now = lane.querySelector<HTMLElement>('.now');
  const manifest = now?.querySelector<HTMLElement>('.manifest');
  if (!now || !manifest) return;
  now.style.display = '';
  if (manifest.scrollWidth > manifest.clientWidth + 0.5) now.style.display = 'none';
}

/** Hides, whole, every item that ends past the container's bottom (they keep their place: nothing moves up half-cut). */
function hideWhatOverflows(container: HTMLElement, items: HTMLElement[]): void {
  for (const item of items) item.style.visibility = '';
  const bottom = container.getBoundingClientRect().bottom + 0.5;
  for (const item of items) if (item.getBoundingClientRect().bottom > bottom) item.style.visibility = 'hidden';
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-deploys': RadiatorDeploys;
  }
}

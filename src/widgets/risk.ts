import { LitElement, css, html, nothing, svg, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { RiskTileView } from '../shared/tile-view.js';
import type { RiskModeView, RiskRating } from '../shared/views/risk.js';
import { headlineMessageStyles, idleMessageSizes, widgetHostStyles } from './host-styles.js';
import { formatAge } from './relative-time.js';
import { ResizeController } from './resize-controller.js';
import { drawRatingCells, drawRpnBar } from './risk-bars.js';
import { STATUS_GLYPH, TEXT_MIN_VH } from './theme.js';
import { TickingClock } from './ticking-clock.js';

/** In auto mode, full cards give way to one line per mode when fewer than this many (or all) fit. */
const FULL_CARDS_WANTED = 3;
/** A name narrower than this many text-floor heights on a one-line row is a stub: S, O and D make room. */
const NAME_MIN_IN_FLOORS = 7;

/**
 * @summary FMEA failure modes ranked by risk now, for reading across a room: the top modes, those
 * happening now first (pulsing red, with what shows it and for how long), each with severity,
 * occurrence and detection as ten-cell scales and its RPN as a bar, the assessed value marked where
 * the evidence moved it ("O 5 · assessed 2"), its effect, next preventative action and why it moved.
 * On a small tile (or with `compact`) one line per mode. What does not fit is left out whole and
 * counted. File and signal problems show above the list. The server decides every rating, rank and
 * tone; this only lays them out.
 */
@customElement('radiator-risk')
export class RadiatorRisk extends LitElement {
  @property({ attribute: false }) view!: RiskTileView;
  /** Server time minus display time, in ms, so "happening for 3 min" is right on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** How long a mode has been happening moves between server updates. */
  private readonly clock = new TickingClock(this, 5_000);

  static override styles = [
    widgetHostStyles,
    headlineMessageStyles,
    idleMessageSizes,
    css`
      :host {
        padding: 0.5cqh 1.5cqw 1cqh;
        gap: 1cqh;
        overflow: hidden;
        --cell-off: rgba(255, 255, 255, 0.13);
        --cell-on: #9fb4c8;
        --name-font: clamp(var(--text-min), min(5.4cqh, 3.6cqw), 6.5vh);
        --line-font: clamp(var(--text-min), min(3.5cqh, 2.5cqw), 4.2vh);
        /* set from the number of modes when the view changes (willUpdate) */
        --row-font: clamp(var(--text-min), min(8cqh, 4.6cqw), 6vh);
      }
      .problems {
        flex: none;
        display: flex;
        flex-direction: column;
        gap: 0.3cqh;
        font-size: var(--line-font);
        line-height: 1.2;
      }
      .problem {
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
        overflow-wrap: anywhere;
        padding-left: 0.4em;
        border-left: 0.25em solid var(--warning);
        color: var(--fg);
      }
      .problem .glyph {
        color: var(--warning);
        font-weight: 800;
      }
      .list {
        flex: 1 1 auto;
        min-height: 0;
        overflow: hidden;
        display: flex;
        flex-direction: column;
        gap: 1.1cqh;
      }
      .mode {
        flex: none;
        display: flex;
        flex-direction: column;
        gap: 0.5cqh;
        padding: 0.25em 0.5em 0.3em;
        border-left: 0.3em solid var(--tile-border);
        background: rgba(255, 255, 255, 0.035);
        font-size: var(--line-font);
        line-height: 1.2;
      }
      .mode.tone-warning {
        border-left-color: var(--warning);
      }
      .mode.active {
        border-left-color: var(--critical);
        background: rgba(248, 81, 73, 0.16);
        animation: pulse 1.6s ease-in-out infinite;
      }
      @keyframes pulse {
        0%,
        100% {
          background: rgba(248, 81, 73, 0.1);
          border-left-color: rgba(248, 81, 73, 0.55);
        }
        50% {
          background: rgba(248, 81, 73, 0.32);
          border-left-color: var(--critical);
        }
      }
      @media (prefers-reduced-motion: reduce) {
        .mode.active {
          animation: none;
          background: rgba(248, 81, 73, 0.22);
        }
      }
      .line {
        display: flex;
        align-items: baseline;
        gap: 0.4em;
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
      /* on a narrow card the happening badge goes under the name rather than cut either */
      .head {
        flex-wrap: wrap;
        row-gap: 0.1em;
        font-size: var(--name-font);
        font-weight: 800;
        line-height: 1.1;
      }
      .rank {
        flex: none;
        color: var(--fg-dim);
        font-variant-numeric: tabular-nums;
      }
      .moved {
        flex: none;
        font-size: max(var(--text-min), 0.6em);
        font-weight: 700;
        color: var(--fg-dim);
      }
      .moved.up {
        color: var(--fg);
      }
      .name {
        flex: 1 1 auto;
        min-width: min(100%, 5em);
        color: var(--fg);
      }
      .happening {
        flex: none;
        margin-left: auto;
        padding-left: 0.4em;
        color: var(--critical);
        font-size: max(var(--text-min), 0.62em);
        letter-spacing: 0.02em;
      }
      .ratings {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 0.2em 1.1em;
        font-variant-numeric: tabular-nums;
      }
      .rating,
      .rpn {
        display: inline-flex;
        align-items: center;
        gap: 0.3em;
        white-space: nowrap;
      }
      .letter {
        color: var(--fg-dim);
        font-weight: 700;
      }
      .value {
        color: var(--fg);
        font-weight: 800;
      }
      .was {
        color: var(--fg-dim);
      }
      svg.cells {
        width: 4.6em;
        height: 0.7em;
      }
      svg.cells .off {
        fill: var(--cell-off);
      }
      svg.cells .on {
        fill: var(--cell-on);
      }
      .active svg.cells .on {
        fill: var(--critical);
      }
      svg.cells .assessed {
        fill: none;
        stroke: var(--fg);
        stroke-width: 1.6;
        vector-effect: non-scaling-stroke;
      }
      svg.rpn-bar {
        width: 6em;
        height: 0.7em;
      }
      svg.rpn-bar .track {
        fill: var(--cell-off);
      }
      svg.rpn-bar .fill {
        fill: var(--cell-on);
      }
      .active svg.rpn-bar .fill {
        fill: var(--critical);
      }
      .mode.tone-warning:not(.active) svg.rpn-bar .fill {
        fill: var(--warning);
      }
      svg.rpn-bar .assessed {
        fill: var(--fg);
      }
      .effect {
        color: var(--fg);
      }
      .next .label,
      .why .label {
        flex: none;
        margin-right: 0.2em;
        color: var(--fg-dim);
        font-weight: 700;
      }
      .next .text {
        color: var(--fg);
      }
      /* two lines at most: the move, then what made it */
      .why {
        color: var(--fg-dim);
        display: -webkit-box;
        -webkit-box-orient: vertical;
        -webkit-line-clamp: 2;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .footer {
        flex: none;
        display: flex;
        align-items: baseline;
        flex-wrap: wrap;
        gap: 0.1em 1.2em;
        font-size: clamp(var(--text-min), min(2.8cqh, 2cqw), 3.6vh);
        color: var(--fg-dim);
        white-space: nowrap;
        border-top: 1px solid var(--tile-border);
        padding-top: 0.3em;
      }
      .footer .count {
        font-weight: 700;
      }
      .footer .now {
        color: var(--critical);
        font-weight: 800;
      }
      .footer .more {
        margin-left: auto;
        color: var(--fg);
        font-weight: 800;
      }
      /* one line per mode, on a small tile or with compact (data-shape set by fitToSize) */
      :host([data-shape='compact']) .list {
        gap: 0.5cqh;
      }
      :host([data-shape='compact']) .mode {
        flex-direction: row;
        align-items: center;
        gap: 0.6em;
        padding: 0.1em 0.4em;
        font-size: var(--row-font);
      }
      :host([data-shape='compact']) .head {
        flex: 1 1 auto;
        flex-wrap: nowrap;
        font-size: 1em;
      }
      :host([data-shape='compact']) .name {
        min-width: 0;
      }
      :host([data-shape='compact']) .happening {
        display: none;
      }
      :host([data-shape='compact']) .ratings {
        flex: none;
        flex-wrap: nowrap;
        gap: 0.5em;
      }
      :host([data-shape='compact']) .ratings .letter {
        font-weight: 600;
      }
      :host([data-shape='compact']) svg.cells,
      :host([data-shape='compact']) .was,
      :host([data-shape='compact']) .rpn .letter,
      :host([data-shape='compact']) .moved,
      :host([data-shape='compact']) [data-fit] {
        display: none;
      }
      :host([data-shape='compact']) svg.rpn-bar {
        width: 3em;
      }
      :host([data-shape='compact'][data-narrow]) .rating,
      :host([data-shape='compact'][data-narrow]) svg.rpn-bar {
        display: none;
      }
      :host([data-shape='compact']) .problem {
        -webkit-line-clamp: 1;
      }
    `,
  ];

  constructor() {
    super();
    // on a new size: full cards or one line per mode, and which parts no longer fit
    new ResizeController(this, () => this.fitToSize());
  }

  /** The row font follows how many modes share the tile; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const data = changed.has('view') ? this.view?.data : undefined;
    if (!data) return;
    const rows = Math.max(3, data.modes.length);
    this.style.setProperty('--row-font', `clamp(var(--text-min), min(${(62 / rows).toFixed(2)}cqh, 4.6cqw), 6vh)`);
  }

  protected override updated(): void {
    this.drawBars();
    this.fitToSize();
  }

  /** d3 draws the scales into the SVGs the template keeps; each carries its numbers as data attributes. */
  private drawBars(): void {
    const num = (el: SVGSVGElement, name: string) => Number(el.dataset[name] ?? 0);
    for (const el of this.renderRoot.querySelectorAll<SVGSVGElement>('svg.cells')) drawRatingCells(el, num(el, 'live'), num(el, 'assessed'));
    for (const el of this.renderRoot.querySelectorAll<SVGSVGElement>('svg.rpn-bar')) drawRpnBar(el, num(el, 'live'), num(el, 'assessed'), num(el, 'scale'));
  }

  /**
   * Full cards when at least FULL_CARDS_WANTED of them (or all) fit with their name, ratings and RPN;
   * else one line per mode. In full cards the least important parts go first (why, then the next
   * action, then the effect; from the bottom card up), then cards that still do not fit are hidden
   * whole and counted with those the server left out. Written straight into the DOM: it depends on
   * layout, not on the view.
   */
  private fitToSize(): void {
    const data = this.view?.data;
    const list = this.renderRoot.querySelector<HTMLElement>('.list');
    if (!data || !list) return;
    const setShape = (shape: 'full' | 'compact') => {
      if (this.dataset.shape !== shape) this.dataset.shape = shape;
    };
    const footer = this.renderRoot.querySelector<HTMLElement>('.footer');
    // the footer first: the list gets what it leaves
    if (footer) fitOnOneLine(footer);
    let shown: number;
    if (data.compact === true) {
      setShape('compact');
      shown = this.fitRows(list);
    } else {
      setShape('full');
      shown = fitCards(list, true);
      if (data.compact === null && shown < Math.min(data.modes.length, FULL_CARDS_WANTED)) {
        setShape('compact');
        shown = this.fitRows(list);
      }
    }
    const more = this.renderRoot.querySelector<HTMLElement>('.more');
    if (more) {
      const hidden = data.modes.length - shown + data.more;
      more.hidden = hidden === 0;
      more.textContent = hidden ? `+${hidden} more` : '';
    }
    if (footer) fitOnOneLine(footer);
  }

  /**
   * One line per mode; where the names would be cut to a few letters, the S, O and D go and the
   * name and RPN stay.
   */
  private fitRows(list: HTMLElement): number {
    delete this.dataset.narrow;
    const floorPx = (window.innerHeight * TEXT_MIN_VH) / 100;
    const first = list.querySelector<HTMLElement>('.mode');
    if (first) {
      first.style.display = '';
      // the head takes the room the ratings leave; the rank takes about two floors of it
      if (first.querySelector<HTMLElement>('.head')!.clientWidth < (NAME_MIN_IN_FLOORS + 2) * floorPx) this.dataset.narrow = '';
    }
    return fitCards(list, false);
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    if (data.headline === 'waiting') {
      return html`<div class="idle s-unknown" data-part="waiting">
        <div class="big">${STATUS_GLYPH.unknown} No data yet</div>
        <div class="sub">${view.reason ?? 'waiting for the FMEA files to be read'}</div>
      </div>`;
    }
    if (data.headline === 'no-modes') {
      return html`<div class="idle s-unknown" data-part="no-modes">
        <div class="big">${STATUS_GLYPH.unknown} No failure modes</div>
        <div class="sub">${view.reason ?? 'the FMEA files list none'}</div>
      </div>`;
    }
    return html`
      ${data.problems.length ? this.problems() : nothing}
      <div class="list" data-part="modes">${repeat(data.modes, (m) => m.key, (m) => this.mode(m))}</div>
      <div class="footer" data-part="counts">
        ${data.happening ? html`<span class="count now" data-drop="3">${STATUS_GLYPH.critical} ${data.happening} happening now</span>` : nothing}
        <span class="count" data-drop="2">${data.total} failure mode${data.total === 1 ? '' : 's'}</span>
        <span data-drop="1">by RPN = S × O × D</span>
        <span class="more" hidden></span>
      </div>
    `;
  }

  private problems() {
    const { problems, moreProblems } = this.view.data;
    const extra = problems.length - 2 + moreProblems;
    return html`<div class="problems" data-part="problems">
      ${problems.slice(0, 2).map((p) => html`<div class="problem"><span class="glyph">${STATUS_GLYPH.warning}</span> ${p}</div>`)}
      ${extra > 0 ? html`<div class="problem"><span class="glyph">${STATUS_GLYPH.warning}</span> ${extra} more problem${extra === 1 ? '' : 's'} with the FMEA files</div>` : nothing}
    </div>`;
  }

  /** One failure mode: rank and name (happening now: for how long), its ratings, effect, next action, why. */
  private mode(m: RiskModeView) {
    const scale = this.view.data.rpnScale;
    const moved = m.rank < m.assessedRank ? html`<span class="moved up" title="assessed rank">▲ from #${m.assessedRank}</span>` : m.rank > m.assessedRank ? html`<span class="moved">▼ from #${m.assessedRank}</span>` : nothing;
    const next = m.nextAction;
    return html`<section class="mode tone-${m.tone}${m.active ? ' active' : ''}" data-mode=${m.key} data-tone=${m.tone}>
      <div class="line head">
        <span class="rank">#${m.rank}</span>
        ${moved}
        <span class="name clip">${m.failureMode}</span>
        ${m.active ? html`<span class="happening">${STATUS_GLYPH.critical} HAPPENING ${formatAge(this.now - m.active.since)}</span>` : nothing}
      </div>
      <div class="ratings">
        ${this.rating('S', { assessed: m.severity, live: m.severity })} ${this.rating('O', m.occurrence)} ${this.rating('D', m.detection)}
        <span class="rpn" data-part="rpn">
          <span class="letter">RPN</span>
          <svg class="rpn-bar" viewBox="0 0 100 10" preserveAspectRatio="none" data-live=${m.rpn.live} data-assessed=${m.rpn.assessed} data-scale=${scale} aria-hidden="true">
            ${svg`<rect class="track"></rect><rect class="fill"></rect><rect class="assessed"></rect>`}
          </svg>
          <span class="value">${m.rpn.live}</span>
          ${m.rpn.live !== m.rpn.assessed ? html`<span class="was">assessed ${m.rpn.assessed}</span>` : nothing}
        </span>
      </div>
      ${m.active ? html`<div class="line" data-fit="4"><span class="label s-critical keep">Now:</span> <span class="clip">${m.active.what}</span></div>` : nothing}
      <div class="line effect" data-fit="3"><span class="clip">${m.effect}</span></div>
      ${next
        ? html`<div class="line next" data-fit="2">
            <span class="label">Next:</span>
            <span class="text clip">${next.action} — ${next.owner}${next.due ? `, due ${next.due}` : ''}${next.status === 'in-progress' ? ' (in progress)' : ''}</span>
          </div>`
        : nothing}
      ${m.why.length ? html`<div class="why" data-fit="1"><span class="label">Why:</span> ${m.why.join(' · ')}</div>` : nothing}
    </section>`;
  }

  /** "O [cells] 5 assessed 2": the live value on ten cells, the assessed one marked when they differ. */
  private rating(letter: 'S' | 'O' | 'D', r: RiskRating) {
    return html`<span class="rating" data-rating=${letter}>
      <span class="letter">${letter}</span>
      <svg class="cells" viewBox="0 0 100 10" preserveAspectRatio="none" data-live=${r.live} data-assessed=${r.assessed} aria-hidden="true">
        ${svg`<g class="cells"></g><rect class="assessed"></rect>`}
      </svg>
      <span class="value">${r.live}</span>
      ${r.live !== r.assessed ? html`<span class="was">assessed ${r.assessed}</span>` : nothing}
    </span>`;
  }

  private get now(): number {
    return this.clock.now + this.offsetMs;
  }
}

/**
 * Fits the cards of `list` into it: with `dropParts`, the optional parts (`data-fit`, lowest first)
 * go before any card does, the bottom card's all before the one above it loses any; then every card
 * from the first that still overflows is hidden. Returns how many cards are shown.
 */
function fitCards(list: HTMLElement, dropParts: boolean): number {
  const cards = [...list.querySelectorAll<HTMLElement>('.mode')];
  for (const card of cards) {
    card.style.display = '';
    for (const part of card.querySelectorAll<HTMLElement>('[data-fit]')) part.style.display = '';
  }
  const bottom = () => list.getBoundingClientRect().bottom + 0.5;
  const fits = () => (cards[cards.length - 1]?.getBoundingClientRect().bottom ?? 0) <= bottom();
  if (dropParts && !fits()) {
    // the top risks keep their details longest: the bottom card gives up all of its parts first
    drop: for (const card of [...cards].reverse()) {
      const parts = [...card.querySelectorAll<HTMLElement>('[data-fit]')].sort((a, b) => Number(a.dataset.fit) - Number(b.dataset.fit));
      for (const part of parts) {
        part.style.display = 'none';
        if (fits()) break drop;
      }
    }
  }
  const limit = bottom();
  const first = cards.findIndex((card) => card.getBoundingClientRect().bottom > limit);
  if (first < 0) return cards.length;
  for (const card of cards.slice(first)) card.style.display = 'none';
  return first;
}

/** Hides the footer's `data-drop` items, lowest first, until what is left is one line. */
function fitOnOneLine(footer: HTMLElement): void {
  const items = [...footer.querySelectorAll<HTMLElement>('[data-drop]')].sort((a, b) => Number(a.dataset.drop) - Number(b.dataset.drop));
  for (const item of items) item.style.display = '';
  const oneLine = () => {
    const tops = [...footer.children].filter((c) => c instanceof HTMLElement && !c.hidden && c.style.display !== 'none').map((c) => c.getBoundingClientRect().top);
    return tops.length === 0 || Math.max(...tops) - Math.min(...tops) < 2;
  };
  for (const item of items) {
    if (oneLine()) return;
    item.style.display = 'none';
  }
}

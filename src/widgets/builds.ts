import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BuildsTileView } from '../shared/tile-view.js';
import type { BuildsJobStatus, BuildsJobView } from '../shared/views/builds.js';
import { headlineMessageStyles, idleMessageSizes, widgetHostStyles } from './host-styles.js';
import { formatAge } from './relative-time.js';
import { ResizeController } from './resize-controller.js';
import { STATUS_GLYPH } from './theme.js';
import { TickingClock } from './ticking-clock.js';

/** One glyph per job status, so none is told apart by hue alone (each also has its word). */
const GLYPH: Record<BuildsJobStatus, string> = {
  failed: '✖',
  unstable: '▲',
  building: '▶',
  aborted: '■',
  disabled: '⊘',
  notbuilt: '○',
  success: '✔',
};
/** Colour class per job status; building, aborted, disabled and never built have their own. */
const TONE: Record<BuildsJobStatus, string> = {
  failed: 's-critical',
  unstable: 's-warning',
  building: 'b-building',
  aborted: 'b-aborted',
  disabled: 'b-idle',
  notbuilt: 'b-idle',
  success: 's-ok',
};
const COUNT_WORD: Record<BuildsJobStatus, string> = {
  failed: 'failed',
  unstable: 'unstable',
  building: 'building',
  aborted: 'aborted',
  disabled: 'disabled',
  notbuilt: 'never built',
  success: 'passed',
};
/** Beside a job that cannot build now (no worker connected): its own glyph and words, in no status colour. */
const BLOCKED_GLYPH = '∅';
const COUNT_ORDER: readonly BuildsJobStatus[] = ['failed', 'unstable', 'building', 'aborted', 'disabled', 'notbuilt', 'success'];

/**
 * @summary CI jobs for reading across a room: failed and unstable jobs first and large — who broke
 * them, with which change, how long ago and the build number; builds in progress with a progress
 * bar and ETA (ticking here from the build's start, "overdue" past the estimate); aborted, disabled
 * and never-built jobs and the green ones compact, each with its own glyph and word; a big
 * "All green ✔" when every job passed. Jobs that do not fit are counted as "+N more", never
 * shrunk below the wall's text floor. The server decides the headline; this only lays it out.
 */
@customElement('radiator-builds')
export class RadiatorBuilds extends LitElement {
  @property({ attribute: false }) view!: BuildsTileView;
  /** Server time minus display time, in ms, so ages and ETAs are right on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** Progress, ETA and ages move between server updates, which only come when something changed. */
  private readonly clock = new TickingClock(this, 2_000);

  static override styles = [
    widgetHostStyles,
    headlineMessageStyles,
    idleMessageSizes,
    css`
      :host {
        padding: 0.5cqh 2cqw 1cqh;
        gap: 1cqh;
        overflow: hidden;
        --building: #58a6ff;
        --aborted: #c9a0ff;
        /* set from the number of broken jobs when the view changes (willUpdate) */
        --broken-font: clamp(var(--value-min), min(7cqh, 4.6cqw), 10vh);
        --row-font: clamp(var(--text-min), min(3.4cqh, 2.6cqw), 5.5vh);
        --chip-font: clamp(var(--text-min), min(2.4cqh, 1.8cqw), 4vh);
      }
      .b-building {
        color: var(--building);
      }
      .b-aborted {
        color: var(--aborted);
      }
      .b-idle {
        color: var(--unknown);
      }
      .wall {
        flex: 1 1 auto;
        min-height: 0;
        overflow: hidden;
        display: flex;
        flex-direction: column;
        gap: 1.2cqh;
      }
      .card {
        flex: none;
        border-left: 0.3em solid currentColor;
        padding: 0.15em 0 0.2em 0.5em;
        background: rgba(255, 255, 255, 0.04);
        font-size: var(--broken-font);
        line-height: 1.15;
      }
      .card.s-critical {
        background: rgba(248, 81, 73, 0.12);
      }
      .card.s-warning {
        background: rgba(227, 179, 65, 0.1);
      }
      .head {
        display: flex;
        align-items: baseline;
        gap: 0.4em;
        white-space: nowrap;
        min-width: 0;
      }
      .word {
        flex: none;
        font-weight: 800;
      }
      .head .word {
        font-size: max(var(--text-min), 0.7em);
      }
      .name {
        flex: 0 1 auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        color: var(--fg);
        font-weight: 800;
      }
      .number {
        flex: none;
        color: var(--fg-dim);
        font-weight: 600;
        font-variant-numeric: tabular-nums;
      }
      .head .number {
        font-size: max(var(--text-min), 0.7em);
      }
      /* who and what shrink (ellipsis) before "25 min ago" does: since when is the news */
      .why {
        display: flex;
        align-items: baseline;
        gap: 0.3em;
        font-size: max(var(--text-min), 0.55em);
        color: var(--fg);
        white-space: nowrap;
        min-width: 0;
      }
      .why .who {
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .why .age {
        flex: none;
        color: var(--fg-dim);
      }
      .run {
        flex: none;
        display: flex;
        align-items: center;
        gap: 0.6em;
        font-size: var(--row-font);
        line-height: 1.2;
        white-space: nowrap;
        min-width: 0;
      }
      .run .label {
        display: flex;
        align-items: baseline;
        gap: 0.4em;
        flex: 0 1 auto;
        max-width: 50%;
        min-width: 0;
      }
      .card .run {
        font-size: max(var(--text-min), 0.55em);
        margin-top: 0.15em;
      }
      .bar {
        flex: 1 1 4em;
        min-width: 3em;
        height: 0.55em;
        border-radius: 0.3em;
        background: rgba(255, 255, 255, 0.1);
        overflow: hidden;
      }
      .bar .fill {
        height: 100%;
        background: var(--building);
      }
      .bar.overdue .fill {
        background: repeating-linear-gradient(45deg, var(--building) 0 0.4em, transparent 0.4em 0.8em);
      }
      .eta {
        flex: none;
        color: var(--fg-dim);
        font-variant-numeric: tabular-nums;
      }
      .eta.overdue {
        color: var(--warning);
        font-weight: 700;
      }
      .chips {
        flex: none;
        display: flex;
        flex-wrap: wrap;
        gap: 0.35em 1.1em;
        font-size: var(--chip-font);
        line-height: 1.2;
      }
      .chip {
        display: flex;
        align-items: baseline;
        gap: 0.3em;
        white-space: nowrap;
        max-width: 100%;
        min-width: 0;
      }
      .chip .name {
        font-weight: 600;
      }
      .chip .tag {
        flex: none;
        font-weight: 700;
        letter-spacing: 0.03em;
      }
      .footer {
        flex: none;
        display: flex;
        align-items: baseline;
        flex-wrap: wrap;
        gap: 0.1em 1.2em;
        font-size: clamp(var(--text-min), min(2.4cqh, 1.8cqw), 4vh);
        color: var(--fg-dim);
        white-space: nowrap;
        border-top: 1px solid var(--tile-border);
        padding-top: 0.3em;
      }
      .footer .count {
        font-weight: 700;
      }
      /* plain foreground, not a status hue: a passing job that cannot build is not broken, but it must be seen */
      .blocked {
        flex: 0 1 auto;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        color: var(--fg);
        font-weight: 700;
        white-space: nowrap;
      }
      .footer .more {
        margin-left: auto;
        color: var(--fg);
        font-weight: 800;
      }
      .clear .big {
        font-size: clamp(24px, min(22cqh, 14cqw), 360px);
      }
      .clear .sub {
        font-size: clamp(var(--text-min), min(6cqh, 4.5cqw), 90px);
      }
      .banner {
        flex: none;
        padding: 0.3em 0.6em;
        background: rgba(139, 148, 158, 0.16);
        border-left: 0.3em solid var(--unknown);
        font-size: clamp(var(--text-min), min(5cqh, 3.6cqw), 72px);
        font-weight: 800;
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
    `,
  ];

  constructor() {
    super();
    // on a new size: which jobs no longer fit
    new ResizeController(this, () => this.cutToFit());
  }

  /** Broken-job text size follows how many there are; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const data = changed.has('view') ? this.view?.data : undefined;
    if (!data) return;
    const broken = data.jobs.filter((j) => j.status === 'failed' || j.status === 'unstable').length;
    // each broken card is about 2.6 lines of its own size; together at most about two fifths of the tile
    const byHeight = Math.min(8, 42 / Math.max(1, broken * 2.6));
    this.style.setProperty('--broken-font', `clamp(var(--value-min), min(${byHeight.toFixed(2)}cqh, 4.6cqw), 10vh)`);
  }

  protected override updated(): void {
    this.cutToFit();
  }

  /**
   * Jobs past the wall's bottom are hidden whole (never shown clipped) from the first that does not
   * fit on, so the order stays worst first; "+N more" counts them with the ones the server left out.
   * Written straight into the DOM (no re-render): it depends on layout, not on the view.
   */
  private cutToFit(): void {
    const wall = this.renderRoot.querySelector<HTMLElement>('.wall');
    const more = this.renderRoot.querySelector<HTMLElement>('.more');
    if (!wall || !more) return;
    const jobs = [...wall.querySelectorAll<HTMLElement>('[data-job]')];
    for (const job of jobs) job.style.visibility = '';
    const bottom = wall.getBoundingClientRect().bottom + 0.5;
    const first = jobs.findIndex((job) => job.getBoundingClientRect().bottom > bottom);
    const cut = first < 0 ? 0 : jobs.length - first;
    if (first >= 0) for (const job of jobs.slice(first)) job.style.visibility = 'hidden';
    const hidden = cut + (this.view?.data.more ?? 0);
    more.hidden = hidden === 0;
    more.textContent = hidden ? `+${hidden} more` : '';
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    switch (data.headline) {
      case 'waiting':
        return html`<div class="idle s-unknown" data-part="waiting">
          <div class="big">${STATUS_GLYPH.unknown} No data yet</div>
          <div class="sub">${view.reason ?? 'waiting for the first poll'}</div>
        </div>`;
      case 'no-jobs':
        return html`<div class="idle s-unknown" data-part="no-jobs">
          <div class="big">${STATUS_GLYPH.unknown} No jobs</div>
          <div class="sub">${view.reason ?? 'no job to show'}</div>
        </div>`;
      case 'all-green':
        return this.allGreen();
      case 'no-current-data':
        return html`<div class="banner s-unknown" data-part="no-current-data">${STATUS_GLYPH.unknown} No current data — all green when last heard</div>
          ${this.wall()}`;
      default:
        return this.wall();
    }
  }

  private allGreen() {
    const { counts } = this.view.data;
    const off = [counts.disabled ? `${counts.disabled} disabled` : '', counts.notbuilt ? `${counts.notbuilt} never built` : ''].filter(Boolean);
    return html`<div class="clear s-ok" data-part="all-green">
      <div class="big">All green ${STATUS_GLYPH.ok}</div>
      <div class="sub">${plural(counts.success, 'job')} passed${off.length ? ` · ${off.join(' · ')}` : ''}</div>
    </div>`;
  }

  private wall() {
    const data = this.view.data;
    const broken = data.jobs.filter((j) => j.status === 'failed' || j.status === 'unstable');
    const running = data.jobs.filter((j) => j.status === 'building');
    const rest = data.jobs.filter((j) => j.status !== 'failed' && j.status !== 'unstable' && j.status !== 'building');
    return html`
      <div class="wall" data-part="wall">
        ${repeat(broken, (j) => j.key, (j) => this.card(j))}
        ${repeat(running, (j) => j.key, (j) => html`<div class="run" data-job=${j.key} data-status=${j.status}>${this.progress(j, true)}</div>`)}
        ${rest.length ? html`<div class="chips">${repeat(rest, (j) => j.key, (j) => this.chip(j))}</div>` : nothing}
      </div>
      <div class="footer" data-part="counts">
        ${COUNT_ORDER.filter((s) => data.counts[s] > 0).map(
          (s) => html`<span class="count ${TONE[s]}" data-status=${s}>${GLYPH[s]} ${data.counts[s]} ${COUNT_WORD[s]}</span>`,
        )}
        ${data.blocked > 0 ? html`<span class="count blocked" data-part="blocked">${BLOCKED_GLYPH} ${data.blocked} cannot build</span>` : nothing}
        <span class="more" hidden></span>
      </div>
    `;
  }

  /** A broken job, large: what, which build, who and with which change, since when; a rebuild's progress under it. */
  private card(j: BuildsJobView) {
    const now = this.clock.now + this.offsetMs;
    const who = j.culprits.length ? j.culprits.join(', ') + (j.moreCulprits ? ` +${j.moreCulprits}` : '') : (j.change?.author ?? null);
    const what = `${j.status === 'failed' ? 'broken' : 'unstable'}${who ? ` by ${who}` : ''}`;
    return html`<div class="card ${TONE[j.status]}" data-job=${j.key} data-status=${j.status}>
      <div class="head">
        <span class="word">${GLYPH[j.status]} ${j.word}</span>
        <span class="name">${j.name}</span>
        ${j.number ? html`<span class="number">#${j.number}</span>` : nothing}
        ${blockedTag(j, true)}
      </div>
      <div class="why">
        <span class="who">${what}${j.change ? html` — ‘${j.change.message}’` : nothing}</span>
        ${j.since !== null ? html`<span class="age">— ${formatAge(now - j.since)} ago</span>` : nothing}
      </div>
      ${j.building ? html`<div class="run">${this.progress(j, false)}</div>` : nothing}
    </div>`;
  }

  /** A running build: how far it is from its start and the usual duration, and the time left or overdue. */
  private progress(j: BuildsJobView, withName: boolean) {
    const now = this.clock.now + this.offsetMs;
    const elapsed = j.startedAt === null ? null : Math.max(0, now - j.startedAt);
    const estimate = j.estimatedMs;
    const overdue = elapsed !== null && estimate !== null && elapsed > estimate;
    const fraction = elapsed !== null && estimate !== null ? Math.min(1, elapsed / estimate) : null;
    const eta =
      elapsed === null
        ? 'running'
        : estimate === null
          ? `running ${formatAge(elapsed)}`
          : overdue
            ? `overdue ${formatAge(elapsed - estimate)}`
            : `${formatAge(estimate - elapsed)} left`;
    return html`
      <span class="label">
        ${withName ? html`<span class="word ${TONE.building}">${GLYPH.building} ${j.word}</span> <span class="name">${j.name}</span>` : html`<span class="word ${TONE.building}">${GLYPH.building} rebuilding</span>`}
        ${j.number ? html`<span class="number">#${j.number}</span>` : nothing}
        ${withName ? blockedTag(j, true) : nothing}
      </span>
      <span class="bar ${overdue ? 'overdue' : ''}" role="progressbar" aria-valuenow=${fraction === null ? nothing : Math.round(fraction * 100)}
        ><span class="fill" style=${`display:block;width:${fraction === null ? 100 : fraction * 100}%;${fraction === null ? 'opacity:0.35' : ''}`}></span
      ></span>
      <span class="eta ${overdue ? 'overdue' : ''}">${eta}</span>
    `;
  }

  /** A job that is not broken or running: glyph and name, and the word unless it passed. */
  private chip(j: BuildsJobView) {
    return html`<span class="chip ${TONE[j.status]}" data-job=${j.key} data-status=${j.status} title=${j.word}>
      <span class="tag">${GLYPH[j.status]}${j.status === 'success' ? nothing : ` ${j.word}`}</span> <span class="name">${j.name}</span>
      ${blockedTag(j, false)}
    </span>`;
  }
}

/** Why the job cannot build now: in full on cards and run lines, its gist ("no worker connected") on chips. */
function blockedTag(j: BuildsJobView, full: boolean) {
  if (!j.blocked) return nothing;
  const gist = full ? j.blocked : j.blocked.replace(/\s*\(.*$/, '');
  return html`<span class="blocked" title=${j.blocked}>${BLOCKED_GLYPH} ${gist}</span>`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-builds': RadiatorBuilds;
  }
}

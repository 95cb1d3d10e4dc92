import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { TickingClock } from './ticking-clock.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Status } from '../shared/status.js';
import type { AlertsTileView } from '../shared/tile-view.js';
import type { AlertProblem, ProblemState } from '../shared/views/alerts.js';
import { formatAge } from './relative-time.js';
import { headlineMessageStyles, widgetHostStyles } from './host-styles.js';
import { STATUS_GLYPH, STATUS_WORD } from './theme.js';

const STATE_WORD: Record<ProblemState, string> = {
  down: 'DOWN',
  unreachable: 'UNREACHABLE',
  critical: 'CRITICAL',
  warning: 'WARNING',
  unknown: 'UNKNOWN',
};
const HEADLINE: readonly Exclude<Status, 'ok'>[] = ['critical', 'warning', 'unknown'];
/** Handled problems shown as rows; the rest only counted. They are context, not the news. */
const SUPPRESSED_ROWS = 3;

/**
 * @summary Nagios/Icinga problems for reading across a room: big per-severity counts with colour,
 * glyph and word; the unhandled problems worst first (host · service · output · for how long);
 * acknowledged and downtimed ones dimmed apart; a big green "All clear ✔" only when the monitoring
 * is checking and nothing is wrong, and an unmistakable "not checking" state otherwise.
 * All upstream text is bound as text, never as HTML.
 */
@customElement('radiator-alerts')
export class RadiatorAlerts extends LitElement {
  @property({ attribute: false }) view!: AlertsTileView;
  /** Server time minus display time, in ms, for "for 12 min" on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** Ticks so "for 12 min" moves between server updates (which only come when something changed). */
  private readonly clock = new TickingClock(this, 15_000);

  static override styles = [
    widgetHostStyles,
    headlineMessageStyles,
    css`
      :host {
        padding: 0.5cqh 2.5cqw 1.5cqh;
        gap: 1.6cqh;
        overflow: hidden;
        /* set from the number of rows when the view changes (willUpdate), so few problems read big and many still fit */
        --row-font: clamp(var(--text-min), min(4.6cqh, 4.2cqw), 64px);
      }
      .counts {
        display: flex;
        gap: 2cqw;
        flex: none;
      }
      .count {
        flex: 1;
        min-width: 0;
        display: flex;
        flex-direction: column;
        align-items: center;
        padding: 0.6cqh 0.5cqw 0.4cqh;
        border-radius: 0.6cqmin;
        background: rgba(255, 255, 255, 0.04);
        border-bottom: 0.6cqh solid currentColor;
        white-space: nowrap;
        overflow: hidden;
      }
      .count .n {
        font-size: clamp(20px, min(14cqh, 8.5cqw), 240px);
        font-weight: 800;
        font-variant-numeric: tabular-nums;
        line-height: 1;
      }
      .count .g {
        font-size: 0.6em;
        vertical-align: 0.25em;
        margin-right: 0.1em;
      }
      .count .w {
        font-size: clamp(calc(var(--text-min) * 0.8), min(3.6cqh, 2.6cqw), 60px);
        font-weight: 700;
        letter-spacing: 0.05em;
      }
      .count.zero {
        color: var(--fg-dim);
        opacity: 0.45;
        border-bottom-color: transparent;
      }
      /* one grid for all rows, so states, names and ages line up across rows */
      .grid {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr) max-content;
        column-gap: 0.6em;
        align-content: start;
        align-items: baseline;
        line-height: 1.2;
      }
      .list {
        flex: 1 1 auto;
        min-height: 0;
        overflow: hidden;
        font-size: var(--row-font);
      }
      .row {
        display: contents;
      }
      .state {
        font-weight: 800;
        white-space: nowrap;
        border-left: 0.35em solid currentColor;
        padding-left: 0.4em;
        margin-top: 0.35em;
        align-self: stretch;
      }
      .state.tall {
        grid-row: span 2;
      }
      .name {
        display: flex;
        align-items: baseline;
        min-width: 0;
        margin-top: 0.35em;
      }
      .label {
        color: var(--fg);
        font-weight: 700;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .label .svc {
        font-weight: 500;
      }
      .tags {
        flex: none;
        white-space: nowrap;
      }
      .for {
        color: var(--fg-dim);
        white-space: nowrap;
        font-variant-numeric: tabular-nums;
        margin-top: 0.35em;
      }
      .output {
        grid-column: 2 / span 2;
        color: var(--fg-dim);
        font-size: 0.8em;
        min-width: 0;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .tag {
        display: inline-block;
        font-size: 0.62em;
        font-weight: 700;
        letter-spacing: 0.05em;
        padding: 0.05em 0.35em;
        margin-left: 0.45em;
        border-radius: 0.25em;
        border: 1px solid currentColor;
        vertical-align: 0.15em;
        color: var(--fg-dim);
      }
      .tag.hidden-services {
        color: var(--fg);
      }
      .more {
        grid-column: 1 / -1;
        color: var(--fg-dim);
        font-size: 0.85em;
        margin-top: 0.35em;
      }
      .handled {
        flex: none;
        opacity: 0.55;
        font-size: calc(var(--row-font) * 0.8);
        border-top: 1px solid var(--tile-border);
        padding-top: 0.5cqh;
      }
      .handled .state {
        border-left-width: 0.25em;
        margin-top: 0.2em;
      }
      .handled .name,
      .handled .for {
        margin-top: 0.2em;
      }
      .summary {
        grid-column: 1 / -1;
        color: var(--fg-dim);
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      .clear .big {
        font-size: clamp(24px, min(24cqh, 15cqw), 360px);
      }
      .idle .big {
        font-size: clamp(20px, min(14cqh, 9cqw), 220px);
      }
      .clear .sub,
      .idle .sub {
        font-size: clamp(12px, min(6cqh, 4.5cqw), 90px);
      }
      .idle[data-part='unreachable'] .big {
        font-size: clamp(18px, min(12cqh, 7.5cqw), 200px);
        white-space: normal;
        overflow-wrap: anywhere;
      }
      .idle[data-part='unreachable'] .sub {
        display: -webkit-box;
        -webkit-line-clamp: 4;
        -webkit-box-orient: vertical;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .banner {
        flex: none;
        padding: 0.8cqh 1.5cqw;
        background: rgba(139, 148, 158, 0.16);
        border-left: 0.4em solid var(--unknown);
        min-width: 0;
      }
      .banner .big {
        font-size: clamp(16px, min(9cqh, 7cqw), 140px);
        font-weight: 800;
        line-height: 1.1;
        white-space: nowrap;
      }
      .banner .sub {
        font-size: clamp(12px, min(4.5cqh, 3.6cqw), 64px);
        color: var(--fg);
        display: -webkit-box;
        -webkit-line-clamp: 2;
        -webkit-box-orient: vertical;
        overflow: hidden;
        overflow-wrap: anywhere;
      }
      .inventory {
        flex: none;
        color: var(--fg-dim);
        font-size: max(12px, calc(var(--row-font) * 0.72));
        white-space: nowrap;
        overflow: hidden;
        text-overflow: ellipsis;
      }
      /* small tiles: counts and the first rows only */
      @container (max-height: 280px) {
        .output,
        .handled .row,
        .inventory {
          display: none;
        }
        .state.tall {
          grid-row: auto;
        }
      }
      @container (max-height: 150px) {
        .list,
        .handled {
          display: none;
        }
      }
    `,
  ];

  /** Row text size follows the number of rows; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const data = changed.has('view') ? this.view?.data : undefined;
    if (data) this.style.setProperty('--row-font', rowFont(data.problems.length, Math.min(data.suppressed.problems.length, SUPPRESSED_ROWS)));
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    const upstream = data.upstream;
    if (data.headline === 'waiting' || !upstream) {
      return html`<div class="idle s-unknown">
        <div class="big">${STATUS_GLYPH.unknown} No data yet</div>
        <div class="sub">${view.reason ?? 'waiting for the first poll'}</div>
      </div>`;
    }
    switch (data.headline) {
      case 'unreachable': {
        // the last poll failed: say so first; known problems stay below it, the inventory if there is one
        const known = Object.values(data.counts.hosts).some((n) => n > 0);
        return html`
          ${data.problems.length === 0 ? this.unreachable(upstream.program, upstream.detail) : html`${this.unreachableBanner(upstream.program, upstream.detail)}${this.problems()}`}
          ${this.handled()}
          ${known ? this.inventory() : nothing}
        `;
      }
      case 'not-checking':
        return html`${this.notCheckingBanner(upstream.program, upstream.detail)}${this.problems()}${this.handled()}${this.inventory()}`;
      case 'problems':
        return html`${this.problems()}${this.handled()}${this.inventory()}`;
      case 'no-current-data':
        return html`${this.noCurrentData()}${this.handled()}${this.inventory()}`;
      case 'expected':
      case 'all-clear':
        return html`${this.allClear()}${this.handled()}`;
    }
  }

  /** No unhandled problem was known: the whole tile says the monitoring cannot be reached, and why. */
  private unreachable(program: string, detail: string | null) {
    return html`<div class="idle s-unknown" data-part="unreachable">
      <div class="big">${STATUS_GLYPH.unknown} ${programName(program)} unreachable</div>
      <div class="sub">${detail ?? 'the last poll failed'}</div>
    </div>`;
  }

  private unreachableBanner(program: string, detail: string | null) {
    return html`<div class="banner s-unknown" data-part="unreachable">
      <div class="big">${STATUS_GLYPH.unknown} ${programName(program).toUpperCase()} UNREACHABLE</div>
      <div class="sub">${detail ?? 'the last poll failed'}; the problems below are the last known</div>
    </div>`;
  }

  private notCheckingBanner(program: string, detail: string | null) {
    return html`<div class="banner s-unknown" data-part="not-checking">
      <div class="big">${STATUS_GLYPH.unknown} NOT CHECKING</div>
      <div class="sub">${program} is not executing checks${detail ? ` — ${detail}` : ''}; the problems below are the last known</div>
    </div>`;
  }

  private allClear() {
    const { counts } = this.view.data;
    const hosts = Object.values(counts.hosts).reduce((a, b) => a + b, 0);
    const services = Object.values(counts.services).reduce((a, b) => a + b, 0);
    return html`<div class="clear s-ok" data-part="all-clear">
      <div class="big">All clear ${STATUS_GLYPH.ok}</div>
      <div class="sub">${plural(hosts, 'host')} · ${plural(services, 'service')}, no unhandled problems</div>
    </div>`;
  }

  private noCurrentData() {
    return html`<div class="idle s-unknown" data-part="no-current-data">
      <div class="big">${STATUS_GLYPH.unknown} No current data</div>
      <div class="sub">nothing unhandled was wrong when last heard, but that is not current</div>
    </div>`;
  }

  private problems() {
    const data = this.view.data;
    return html`
      <div class="counts" data-part="counts">
        ${HEADLINE.map(
          (s) => html`<div class="count s-${s} ${data.unhandled[s] === 0 ? 'zero' : ''}" data-status=${s} title=${STATUS_WORD[s]}>
            <span class="n"><span class="g">${STATUS_GLYPH[s]}</span>${data.unhandled[s]}</span> <span class="w">${STATUS_WORD[s]}</span>
          </div>`,
        )}
      </div>
      <div class="list grid" data-part="problems">
        ${repeat(data.problems, key, (p) => this.row(p))}
        ${data.moreProblems > 0 ? html`<div class="more">+ ${data.moreProblems} more problem${data.moreProblems === 1 ? '' : 's'}</div>` : nothing}
      </div>
    `;
  }

  private row(p: AlertProblem, compact = false) {
    const since = p.since === null ? null : formatAge(this.clock.now + this.offsetMs - p.since);
    const output = compact || !p.output ? null : p.output;
    return html`<div class="row s-${p.status}" data-key=${key(p)} data-status=${p.status}>
      <span class="state ${output ? 'tall' : ''}">${STATUS_GLYPH[p.status]} ${STATE_WORD[p.state]}</span>
      <span class="name"
        ><span class="label">${p.host}${p.service === null ? nothing : html` · <span class="svc">${p.service}</span>`}</span
        ><span class="tags">${tags(p)}</span></span
      >
      <span class="for">${since ? `for ${since}` : ''}</span>
      ${output ? html`<span class="output">${output}</span>` : nothing}
    </div>`;
  }

  private handled() {
    const s = this.view.data.suppressed;
    if (s.total === 0) return nothing;
    const parts = [s.acknowledged ? `${s.acknowledged} acknowledged` : '', s.inDowntime ? `${s.inDowntime} in downtime` : ''].filter(Boolean);
    const shown = s.problems.slice(0, SUPPRESSED_ROWS);
    const rest = s.total - shown.length;
    return html`<div class="handled grid" data-part="handled">
      <div class="summary">Handled: ${s.total} problem${s.total === 1 ? '' : 's'} (${parts.join(' · ')})</div>
      ${repeat(shown, key, (p) => this.row(p, true))}
      ${rest > 0 && shown.length > 0 ? html`<div class="summary">+ ${rest} more handled</div>` : nothing}
    </div>`;
  }

  private inventory() {
    const { counts, staleChecks } = this.view.data;
    const h = counts.hosts;
    const sv = counts.services;
    const hosts = h.up + h.down + h.unreachable + h.unknown + h.pending;
    const services = sv.ok + sv.warning + sv.critical + sv.unknown + sv.pending;
    const pending = h.pending + sv.pending;
    return html`<div class="inventory" data-part="inventory">
      ${plural(hosts, 'host')} (${h.up} up${h.down ? `, ${h.down} down` : ''}${h.unreachable ? `, ${h.unreachable} unreachable` : ''}${h.unknown ? `, ${h.unknown} unknown` : ''}) · ${plural(services, 'service')}
      (${sv.ok} ok)${pending ? ` · ${pending} pending` : ''}${staleChecks ? ` · ${staleChecks} old results` : ''}
    </div>`;
  }
}

function tags(p: AlertProblem) {
  const list: [string, string][] = [];
  if (p.hiddenServices > 0) list.push([`+${p.hiddenServices} service${p.hiddenServices === 1 ? '' : 's'}`, 'hidden-services']);
  if (!p.hard) list.push(['SOFT', '']);
  if (p.flapping) list.push(['FLAPPING', '']);
  if (p.checkStale) list.push(['OLD RESULT', '']);
  if (p.acknowledged) list.push(['ACK', '']);
  if (p.inDowntime) list.push(['DOWNTIME', '']);
  return list.map(([text, cls]) => html`<span class="tag ${cls}">${text}</span>`);
}

/**
 * Row text size: as large as the tile allows for the rows there are (a lone problem reads from
 * across the room), never wider than the tile, never below the wall's text floor: in a small tile
 * the list shows fewer rows (worst first) rather than smaller ones.
 */
function rowFont(problems: number, handledRows: number): string {
  // in row-font ems: two-line problem rows, compact handled rows, plus summary and inventory lines
  const ems = Math.max(8, problems * 2.5 + handledRows * 1.1 + 3);
  const byHeight = Math.min(6, 68 / ems);
  return `clamp(var(--text-min), min(${byHeight.toFixed(2)}cqh, 3.6cqw), 72px)`;
}

/** "Nagios Core 4.4.6" → "Nagios", "Icinga 2 r2.13.6-1" → "Icinga 2", "" (never reached) → "Monitoring". */
function programName(program: string): string {
  return program.replace(/\s+(Core\s+)?v?r?\d+\.\d.*$/, '').replace(/\s+Core$/, '') || 'Monitoring';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function key(p: AlertProblem): string {
  return `${p.host}\u0000${p.service ?? ''}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-alerts': RadiatorAlerts;
  }
}

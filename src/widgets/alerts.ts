import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { noDataYet } from './no-data-yet.js';
import { TickingClock } from './ticking-clock.js';
import { repeat } from 'lit/directives/repeat.js';
import type { Status } from '../shared/status.js';
import type { AlertsTileView } from '../shared/tile-view.js';
import type { AlertsData } from '../shared/views/alerts.js';
import { EXPECTED_ROWS, expectedMessage, expectedSection } from './alert-expected.js';
import { problemRow, rowKey } from './alert-row.js';
import { alertsStyles } from './alerts-styles.js';
import { headlineMessageStyles, widgetHostStyles } from './host-styles.js';
import { STATUS_GLYPH, STATUS_WORD } from './theme.js';

const HEADLINE: readonly Exclude<Status, 'ok'>[] = ['critical', 'warning', 'unknown'];
/** Handled problems shown as rows; the rest only counted. They are context, not the news. */
const SUPPRESSED_ROWS = 3;

/**
 * @summary Nagios/Icinga problems for reading across a room: big per-severity counts with colour,
 * glyph and word; the unhandled problems worst first (host · service · output · for how long);
 * problems a deploy explains grey and apart ("expected during deploy M-4411"); acknowledged and
 * downtimed ones dimmed apart, with who and why; a big green "All clear ✔" only when the monitoring
 * is checking and nothing is wrong, and an unmistakable "not checking" state otherwise. Rows are
 * alert-row.ts, the expected section alert-expected.ts, the styles alerts-styles.ts.
 * All upstream text is bound as text, never as HTML.
 */
@customElement('radiator-alerts')
export class RadiatorAlerts extends LitElement {
  @property({ attribute: false }) view!: AlertsTileView;
  /** Server time minus display time, in ms, for "for 12 min" on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** Ticks so "for 12 min" moves between server updates (which only come when something changed). */
  private readonly clock = new TickingClock(this, 15_000);

  static override styles = [widgetHostStyles, headlineMessageStyles, alertsStyles];

  /** Row text size follows the number of rows; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const data = changed.has('view') ? this.view?.data : undefined;
    if (data) this.style.setProperty('--row-font', rowFont(data));
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    const upstream = data.upstream;
    if (data.headline === 'waiting' || !upstream) {
return noDataYet(view.reason, 'waiting for the first poll');
    }
    switch (data.headline) {
      case 'unreachable': {
        // the last poll failed: say so first; known problems stay below it, the inventory if there is one
        const known = Object.values(data.counts.hosts).some((n) => n > 0);
        return html`
          ${data.problems.length === 0 ? this.unreachable(upstream.program, upstream.detail) : html`${this.unreachableBanner(upstream.program, upstream.detail)}${this.problems()}`}
          ${this.expected()}${this.handled()}
          ${known ? this.inventory() : nothing}
        `;
      }
      case 'not-checking':
        return html`${this.notCheckingBanner(upstream.program, upstream.detail)}${this.problems()}${this.expected()}${this.handled()}${this.inventory()}`;
      case 'problems':
        return html`${this.problems()}${this.expected()}${this.handled()}${this.inventory()}`;
      case 'no-current-data':
        return html`${this.noCurrentData()}${this.expected()}${this.handled()}${this.inventory()}`;
      case 'expected':
        return html`${expectedMessage(data, this.now)}${this.expected()}${this.handled()}${this.inventory()}`;
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
        ${repeat(data.problems, rowKey, (p) => problemRow(p, { now: this.now, compact: false }))}
        ${data.moreProblems > 0 ? html`<div class="more">+ ${data.moreProblems} more problem${data.moreProblems === 1 ? '' : 's'}</div>` : nothing}
      </div>
    `;
  }

  /** Server time now: the display's clock ticking, corrected by the server's offset. */
  private get now(): number {
    return this.clock.now + this.offsetMs;
  }

  private expected() {
    return expectedSection(this.view.data, this.now);
  }

  private handled() {
    const s = this.view.data.suppressed;
    if (s.total === 0) return nothing;
    const parts = [s.acknowledged ? `${s.acknowledged} acknowledged` : '', s.inDowntime ? `${s.inDowntime} in downtime` : ''].filter(Boolean);
    const shown = s.problems.slice(0, SUPPRESSED_ROWS);
    const rest = s.total - shown.length;
    return html`<div class="handled grid" data-part="handled">
      <div class="summary">Handled: ${s.total} problem${s.total === 1 ? '' : 's'} (${parts.join(' · ')})</div>
      ${repeat(shown, rowKey, (p) => problemRow(p, { now: this.now, compact: true }))}
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

/**
 * Row text size: as large as the tile allows for the rows there are (a lone problem reads from
 * across the room), never wider than the tile, never below the wall's text floor: in a small tile
 * the list shows fewer rows (worst first) rather than smaller ones.
 */
function rowFont(data: AlertsData): string {
  // in row-font ems: problem rows with output (and a note), compact handled and expected rows (with a
  // note each when they have one), plus summary and inventory lines
  const handled = data.suppressed.problems.slice(0, SUPPRESSED_ROWS);
  const expected = data.expected.problems.slice(0, EXPECTED_ROWS);
  const ems = Math.max(
    8,
    data.problems.reduce((sum, p) => sum + 2.5 + (p.comments.length > 0 ? 0.9 : 0), 0) +
      handled.reduce((sum, p) => sum + 1.1 + (p.comments.length > 0 ? 0.9 : 0), 0) +
      expected.length * 2.1 +
      (expected.length > 0 ? 1.2 : 0) +
      3,
  );
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

declare global {
  interface HTMLElementTagNameMap {
    'radiator-alerts': RadiatorAlerts;
  }
}

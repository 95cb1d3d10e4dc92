import { LitElement, html, nothing, type PropertyValues } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import type { BuildsTileView } from '../shared/tile-view.js';
import { jobCard, jobChip, jobCounts, jobRun } from './build-job.js';
import { fitJobsToWall } from './builds-fit.js';
import { brokenJobFont, wallSections } from './builds-layout.js';
import { buildsStyles } from './builds-styles.js';
import { headlineMessageStyles, idleMessageSizes, listFooterStyles, widgetHostStyles } from './host-styles.js';
import { noDataYet } from './no-data-yet.js';
import { ResizeController } from './resize-controller.js';
import { STATUS_GLYPH } from './theme.js';
import { TickingClock } from './ticking-clock.js';

/**
 * @summary CI jobs for reading across a room: failed and unstable jobs first and large — who broke
 * them, with which change, how long ago and the build number; builds in progress with a progress
 * bar and ETA (ticking here from the build's start, "overdue" past the estimate); aborted, disabled
 * and never-built jobs and the green ones compact, each with its own glyph and word; a big
 * "All green ✔" when every job passed. Jobs that do not fit are counted as "+N more", never
 * shrunk below the wall's text floor. The server decides the headline; this only lays it out.
 * A job's card, run line and chip are build-job.ts (progress and ETA build-progress.ts), the wall's
 * parts and type builds-layout.ts, what fits builds-fit.ts, the styles builds-styles.ts.
 */
@customElement('radiator-builds')
export class RadiatorBuilds extends LitElement {
  @property({ attribute: false }) view!: BuildsTileView;
  /** Server time minus display time, in ms, so ages and ETAs are right on a display with a wrong clock. */
  @property({ type: Number }) offsetMs = 0;
  /** Progress, ETA and ages move between server updates, which only come when something changed. */
  private readonly clock = new TickingClock(this, 2_000);

  static override styles = [widgetHostStyles, headlineMessageStyles, idleMessageSizes, listFooterStyles, buildsStyles];

  constructor() {
    super();
    // on a new size: which jobs no longer fit
    new ResizeController(this, () => this.cutToFit());
  }

  /** Broken-job text size follows how many there are; set on the host before render, which has no side effects. */
  protected override willUpdate(changed: PropertyValues<this>): void {
    const data = changed.has('view') ? this.view?.data : undefined;
    if (!data) return;
    this.style.setProperty('--broken-font', brokenJobFont(wallSections(data.jobs).broken.length));
  }

  protected override updated(): void {
    this.cutToFit();
  }

  private cutToFit(): void {
    fitJobsToWall(this.renderRoot, this.view?.data.more ?? 0);
  }

  /** The server says what the tile leads with (`data.headline`); this only lays it out. */
  override render() {
    const view = this.view;
    if (!view) return nothing;
    const data = view.data;
    switch (data.headline) {
      case 'waiting':
return noDataYet(view.reason, 'waiting for the first poll');
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
    const now = this.clock.now + this.offsetMs;
    const { broken, running, rest } = wallSections(data.jobs);
    return html`
      <div class="wall" data-part="wall">
        ${repeat(broken, (j) => j.key, (j) => jobCard(j, now))}
        ${repeat(running, (j) => j.key, (j) => jobRun(j, now))}
        ${rest.length ? html`<div class="chips">${repeat(rest, (j) => j.key, (j) => jobChip(j))}</div>` : nothing}
      </div>
      <div class="footer" data-part="counts">
        ${jobCounts(data)}
        <span class="more" hidden></span>
      </div>
    `;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

declare global {
  interface HTMLElementTagNameMap {
    'radiator-builds': RadiatorBuilds;
  }
}

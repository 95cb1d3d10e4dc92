import { html, nothing } from 'lit';
import type { BuildsData, BuildsJobStatus, BuildsJobView } from '../shared/views/builds.js';
import { buildProgress } from './build-progress.js';
import { formatAge } from './relative-time.js';

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

/** A broken job, large, at server time `now`: what, which build, who and with which change, since when; a rebuild's progress under it. */
export function jobCard(j: BuildsJobView, now: number) {
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
    ${j.building ? html`<div class="run">${progress(j, now, false)}</div>` : nothing}
  </div>`;
}

/** A build in progress, one line: its name, progress bar and ETA. */
export function jobRun(j: BuildsJobView, now: number) {
  return html`<div class="run" data-job=${j.key} data-status=${j.status}>${progress(j, now, true)}</div>`;
}

/** A job that is not broken or running: glyph and name, and the word unless it passed. */
export function jobChip(j: BuildsJobView) {
  return html`<span class="chip ${TONE[j.status]}" data-job=${j.key} data-status=${j.status} title=${j.word}>
    <span class="tag">${GLYPH[j.status]}${j.status === 'success' ? nothing : ` ${j.word}`}</span> <span class="name">${j.name}</span>
    ${blockedTag(j, false)}
  </span>`;
}

/** The footer's counts: one per status there is, worst first, and how many jobs cannot build now. */
export function jobCounts(data: BuildsData) {
  return html`${COUNT_ORDER.filter((s) => data.counts[s] > 0).map(
    (s) => html`<span class="count ${TONE[s]}" data-status=${s}>${GLYPH[s]} ${data.counts[s]} ${COUNT_WORD[s]}</span>`,
  )}
  ${data.blocked > 0 ? html`<span class="count blocked" data-part="blocked">${BLOCKED_GLYPH} ${data.blocked} cannot build</span>` : nothing}`;
}

/** A running build: how far it is from its start and the usual duration, and the time left or overdue. */
function progress(j: BuildsJobView, now: number, withName: boolean) {
  const { fraction, overdue, eta } = buildProgress(j, now);
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

/** Why the job cannot build now: in full on cards and run lines, its gist ("no worker connected") on chips. */
function blockedTag(j: BuildsJobView, full: boolean) {
  if (!j.blocked) return nothing;
  const gist = full ? j.blocked : j.blocked.replace(/\s*\(.*$/, '');
  return html`<span class="blocked" title=${j.blocked}>${BLOCKED_GLYPH} ${gist}</span>`;
}

import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { DeployItemView, DeployLaneView, DeployOutcome } from '../shared/views/deploys.js';
import { formatCalendarTime } from './calendar-time.js';
import { runningDeploy } from './deploy-words.js';
import { formatAge } from './relative-time.js';
import { STATUS_GLYPH } from './theme.js';

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

/**
 * One environment, at server time `now`. What shows first when room is short (data-fit, higher stays
 * longer; deploys-fit.ts): its name and state and what runs there always, then a failure keeping it
 * red (its state says that it is red, this says what), a deploy running, since when and by whom,
 * version and ticket, the others running there, and the recent outcomes last.
 */
export function deployLane(lane: DeployLaneView, now: number) {
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
          <div class="line small" data-fit="4">${sinceAndBy(current, now)}</div>
          ${current.version !== null || current.ticket !== null
            ? html`<div class="line small" data-fit="3"><span class="clip">${[current.version, current.ticket?.id].filter((t) => t !== null && t !== undefined).join(' · ')}</span></div>`
            : nothing}
          ${others.length
            ? html`<div class="line small" data-fit="2"><span class="clip">also ${others.map((d) => `${d.what}${d.version ? ` ${d.version}` : ''}`).join(' · ')}</span></div>`
            : nothing}
        </div>`
      : html`<div class="nothing" data-fit="4">nothing deployed yet</div>`}
    ${repeat(lane.running, (d) => d.key, (d) => runningCard(d, now))}
    ${repeat(lane.broken.slice(0, 2), (d) => d.key, (d) => brokenCard(d, now))}
    <ul class="recent">
      ${repeat(lane.recent.filter((d) => !brokenKeys.has(d.key)), (d) => d.key, (d) => recentRow(d, now))}
    </ul>
  </section>`;
}

/** "since Tue · deploy-bot": since when it runs, and who deployed it. */
function sinceAndBy(d: DeployItemView, now: number) {
  const since = d.finishedAt ?? d.startedAt;
  return html`<span class="keep">since <span class="fg">${formatCalendarTime(since, now)}</span></span> ${d.by ? html`<span class="clip">· ${d.by}</span>` : nothing}`;
}

/** A deploy in progress: what, its step and progress (a CI build's from its usual duration), and for how long. */
function runningCard(d: DeployItemView, now: number) {
  const { elapsedMs, fraction, detail } = runningDeploy(d, now);
  return html`<div class="card ${TONE[d.outcome]}" data-fit="5" data-deploy=${d.key} data-outcome=${d.outcome}>
    <div class="line title"><span class="keep">${GLYPH[d.outcome]} ${d.word}</span> <span class="what clip">${d.what}</span></div>
    <div class="bar ${fraction === null ? 'unknown' : ''}" role="progressbar" aria-valuenow=${fraction === null ? nothing : Math.round(fraction * 100)}>
      <span class="fill" style=${fraction === null ? '' : `width:${(fraction * 100).toFixed(1)}%`}></span>
    </div>
    <div class="line small"><span class="clip">${detail || (d.by ? `by ${d.by}` : 'running')}</span> <span class="keep fg elapsed">${formatAge(elapsedMs)}</span></div>
  </div>`;
}

/** A failure that keeps the lane red: what, how long ago, and why when the tool said. */
function brokenCard(d: DeployItemView, now: number) {
  const ended = d.finishedAt ?? d.startedAt;
  return html`<div class="card ${TONE[d.outcome]}" data-fit="6" data-deploy=${d.key} data-outcome=${d.outcome}>
    <div class="line title"><span class="keep">${GLYPH[d.outcome]} ${d.word}</span> <span class="what clip">${d.what}</span> <span class="keep age">${formatAge(now - ended)} ago</span></div>
    ${d.message || d.version ? html`<div class="why">${d.message ?? d.version}</div>` : nothing}
  </div>`;
}

function recentRow(d: DeployItemView, now: number) {
  return html`<li class="line ${TONE[d.outcome]}" data-fit="1" data-deploy=${d.key} data-outcome=${d.outcome} title=${d.word}>
    <span class="keep">${GLYPH[d.outcome]}</span> <span class="what clip">${d.what}</span> <span class="age keep">${formatAge(now - (d.finishedAt ?? d.startedAt))}</span>
  </li>`;
}

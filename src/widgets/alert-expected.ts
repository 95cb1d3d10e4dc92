import { html, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { AlertDeploy, AlertProblem, AlertsData } from '../shared/views/alerts.js';
import { problemRow, rowKey } from './alert-row.js';
import { formatAge } from './relative-time.js';
import { STATUS_GLYPH } from './theme.js';

/** Expected rows shown; the rest only counted. The deploy explains them: they are context. */
export const EXPECTED_ROWS = 4;

/**
 * Problems a deploy explains, apart and grey: which deploys ("M-4411 → prod, running 4 min"), then the
 * rows, each saying why ("expected during deploy M-4411").
 */
export function expectedSection(data: AlertsData, now: number) {
  const { expected, deploys } = data;
  if (expected.total === 0) return nothing;
  const shown = expected.problems.slice(0, EXPECTED_ROWS);
  const rest = expected.total - shown.length;
  const named = (deploys?.active ?? []).filter((d) => expected.problems.some((p) => p.expected?.key === d.key));
  return html`<div class="expected grid" data-part="expected">
    <div class="summary">
      Expected during ${named.length === 1 ? 'deploy' : 'deploys'}
      ${named.map((d, i) => html`${i > 0 ? ' · ' : ''}<span class="deploy">${d.label}</span> ${deployState(d, now)}`)}:
      ${expected.total} problem${expected.total === 1 ? '' : 's'}
    </div>
    ${repeat(shown, rowKey, (p) => problemRow(p, { now, compact: true, dimmed: true, note: whyExpected(p) }))}
    ${rest > 0 ? html`<div class="summary">+ ${rest} more expected</div>` : nothing}
  </div>`;
}

/** The `expected` headline: nothing is wrong that nobody expected ("As expected"); the deploys running say why. */
export function expectedMessage(data: AlertsData, now: number) {
  const active = data.deploys?.active ?? [];
  const n = data.expected.total;
  return html`<div class="calm s-ok" data-part="expected-only">
    <div class="big">${STATUS_GLYPH.ok} As expected</div>
    <div class="sub">
      ${active.map((d, i) => html`${i > 0 ? ' · ' : ''}deploy ${d.label} ${deployState(d, now)}`)} · ${n} problem${n === 1 ? '' : 's'} expected
    </div>
  </div>`;
}

/** "→ prod, running 4 min", "→ prod, succeeded 2 min ago", "→ prod, stalled". */
function deployState(d: AlertDeploy, now: number): string {
  const where = `→ ${d.env}`;
  if (d.endedAt === null) return `${where}, running ${formatAge(now - d.startedAt)}`;
  const outcome = d.status === 'rolled_back' ? 'rolled back' : d.status === 'progress' || d.status === 'started' ? 'ended' : d.status;
  return `${where}, ${outcome} ${formatAge(now - d.endedAt)} ago`;
}

function whyExpected(p: AlertProblem) {
  const deploy = p.expected?.label ?? '';
  const downtime = p.comments.find((c) => c.kind === 'downtime');
  // narrow tiles leave out how it was linked (alerts-styles.ts): the deploy is what matters
  const via = p.expected?.via === 'downtime' && downtime ? html`<span class="via"> — downtime by <span class="who">${downtime.author || 'someone'}</span></span>` : nothing;
  return html`expected during deploy <span class="who">${deploy}</span>${via}`;
}

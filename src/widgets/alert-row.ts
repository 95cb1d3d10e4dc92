import { html, nothing, type TemplateResult } from 'lit';
import type { AlertComment, AlertProblem, ProblemState } from '../shared/views/alerts.js';
import { formatCalendarTime } from './calendar-time.js';
import { formatAge } from './relative-time.js';
import { STATUS_GLYPH } from './theme.js';

const STATE_WORD: Record<ProblemState, string> = {
  down: 'DOWN',
  unreachable: 'UNREACHABLE',
  critical: 'CRITICAL',
  warning: 'WARNING',
  unknown: 'UNKNOWN',
};

export interface RowOptions {
  /** Server time now (display clock + offset), for "for 12 min" and "until 15:30". */
  now: number;
  /** Handled and expected rows: no plugin output, one note line at most. */
  compact: boolean;
  /** The line under the name instead of the row's first comment (why it is expected). */
  note?: TemplateResult;
  /** Grey instead of the state's colour: expected rows are listed, never red. */
  dimmed?: boolean;
}

/**
 * One problem as rows of the alerts grid: state (colour, glyph, word), host · service with tags, for
 * how long; then the plugin output (unhandled rows) and a note — who acknowledged or downtimed it and
 * why, or why it is expected. All text bound as text, never HTML.
 */
export function problemRow(p: AlertProblem, { now, compact, note, dimmed = false }: RowOptions) {
  const since = p.since === null ? null : formatAge(now - p.since);
  const output = compact || !p.output ? null : p.output;
  const comment = p.comments[0];
  const noteLine = note ?? (comment ? commentLine(comment, now) : null);
  const lines = (output ? 1 : 0) + (noteLine ? 1 : 0);
  return html`<div class="row s-${dimmed ? 'expected' : p.status}" data-key=${rowKey(p)} data-status=${p.status}>
    <span class="state ${lines === 2 ? 'taller' : lines === 1 ? 'tall' : ''}">${STATUS_GLYPH[p.status]} ${STATE_WORD[p.state]}</span>
    <span class="name"
      ><span class="label">${p.host}${p.service === null ? nothing : html` · <span class="svc">${p.service}</span>`}</span
      ><span class="tags">${tags(p, dimmed)}</span></span
    >
    <span class="for">${since ? `for ${since}` : ''}</span>
    ${output ? html`<span class="output">${output}</span>` : nothing}
    ${noteLine ? html`<span class="note" data-part="note">${noteLine}</span>` : nothing}
  </div>`;
}

/** "acked by alice: replacing disk", "downtime by carol until 15:30: Backup storage migration", "comment by erin: …". */
export function commentLine(c: AlertComment, now: number) {
  const what = c.kind === 'acknowledgement' ? 'acked by' : c.kind === 'downtime' ? 'downtime by' : 'comment by';
  const until = c.kind === 'downtime' && c.endsAt !== null && c.endsAt > now ? ` until ${formatCalendarTime(c.endsAt, now)}` : '';
  return html`${what} <span class="who">${c.author || 'someone'}</span>${until}${c.text ? `: ${c.text}` : ''}`;
}

export function rowKey(p: AlertProblem): string {
  return `${p.host}\u0000${p.service ?? ''}`;
}

/** `expected`: the row's note says why it is expected, so its downtime needs no tag of its own (room for the name). */
function tags(p: AlertProblem, expected: boolean) {
  const list: [string, string][] = [];
  if (p.hiddenServices > 0) list.push([`+${p.hiddenServices} service${p.hiddenServices === 1 ? '' : 's'}`, 'hidden-services']);
  if (!p.hard) list.push(['SOFT', '']);
  if (p.flapping) list.push(['FLAPPING', '']);
  if (p.checkStale) list.push(['OLD RESULT', '']);
  if (p.acknowledged) list.push(['ACK', '']);
  if (p.inDowntime && !expected) list.push(['DOWNTIME', '']);
  if (p.outlivedDeploy !== null) list.push([`DEPLOY ${p.outlivedDeploy} OVER`, 'deploy']);
  return list.map(([text, cls]) => html`<span class="tag ${cls}">${text}</span>`);
}

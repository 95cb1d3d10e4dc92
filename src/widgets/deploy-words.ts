import type { DeployItemView, PromotionStepView } from '../shared/views/deploys.js';
import { formatCalendarTime } from './calendar-time.js';

/** A running deploy as its card shows it at `now`: how long it has run, how far it is, and what it does. */
export interface RunningDeploy {
  elapsedMs: number;
  /** 0–1: the tool's own progress, else the time run over a CI build's usual duration; null when neither is known. */
  fraction: number | null;
  /** "40% · migrate · v2.4.1": what is known of it; "" when nothing is. */
  detail: string;
}

export function runningDeploy(d: DeployItemView, now: number): RunningDeploy {
  const elapsedMs = Math.max(0, now - d.startedAt);
  const fraction = d.progress ?? (d.estimatedMs !== null ? Math.min(1, elapsedMs / d.estimatedMs) : null);
  const detail = [fraction !== null ? `${Math.round(fraction * 100)}%` : null, d.step, d.version].filter(Boolean).join(' · ');
  return { elapsedMs, fraction, detail };
}

/** "2 manifests behind staging · M-4409 since Tue"; in step, or cannot tell, said as such. */
export function promotionText(s: PromotionStepView, now: number): string {
  const since = s.since !== null ? ` since ${formatCalendarTime(s.since, now)}` : '';
  if (s.manifest === null) return `nothing deployed yet${s.waiting.length ? `, ${manifests(s.waiting.length)} waiting in ${s.from}` : ''}`;
  if (s.behind === null) return `runs ${s.manifest}, not in ${s.from}'s history`;
  if (s.behind === 0) return `in step with ${s.from} · ${s.manifest}${since}`;
  return `${manifests(s.behind)} behind ${s.from} · ${s.manifest}${since}`;
}

function manifests(n: number): string {
  return n === 1 ? '1 manifest' : `${n} manifests`;
}

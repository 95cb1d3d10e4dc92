import type { Check, MonitoringReading } from '../readings/monitoring.js';

/** One check of a monitoring source changing state between two readings: what FMEA episodes are made of. */
export interface StateChange {
  source: string;
  host: string;
  /** null for the host check itself. */
  service: string | null;
  /** A host or service state: up, down, unreachable, ok, warning, critical, unknown, pending. */
  from: Check['state'];
  to: Check['state'];
  /** Epoch ms: when the upstream says it changed, if that lies between the two readings; else the newer reading's time. */
  at: number;
}

/** A source's state changes since some time, and since when they are known at all. */
export interface StateChangeHistory {
  /**
   * Since when changes of this source are recorded (epoch ms): the first monitoring reading it was
   * compared from, moved up as old changes are forgotten; null when none was recorded yet.
   */
  knownSince: number | null;
  /** Oldest first. */
  changes: readonly StateChange[];
}

const CHECK_STATES: Record<Check['state'], true> = { up: true, down: true, unreachable: true, ok: true, warning: true, critical: true, unknown: true, pending: true };

/** A state as stored, maybe by a newer version: one this version does not know reads as unknown. */
export function checkState(text: string): Check['state'] {
  return isCheckState(text) ? text : 'unknown';
}

function isCheckState(text: string): text is Check['state'] {
  return Object.hasOwn(CHECK_STATES, text);
}

export const NO_STATE_CHANGES: StateChangeHistory = { knownSince: null, changes: [] };

/** How long state changes are kept, in memory and in the database: the FMEA window's default. */
export const DEFAULT_STATE_CHANGE_RETENTION_MS = 30 * 86_400_000;
/** Changes kept in memory per source, newest first, whatever the retention: a flapping check must not grow the heap without end. */
export const MAX_STATE_CHANGES_PER_SOURCE = 50_000;

const checkKey = (check: Pick<Check, 'host' | 'service'>) => (check.service === null ? `${check.host}\u0000` : `${check.host}\u0000${check.service}`);

/**
 * The checks whose state differs between two readings of one source, oldest first. A check only in
 * one of them appeared or went away (configured, removed): that is not a change of its state.
 */
export function stateChangesBetween(source: string, previous: MonitoringReading, next: MonitoringReading): StateChange[] {
  const before = new Map<string, Check['state']>();
  for (const check of previous.checks) before.set(checkKey(check), check.state);
  const changes: StateChange[] = [];
  for (const check of next.checks) {
    const from = before.get(checkKey(check));
    if (from === undefined || from === check.state) continue;
    // the upstream's own time of the change is the better one when it falls between the readings
    const upstreamAt = check.lastStateChange;
    const at = upstreamAt !== null && upstreamAt > previous.at && upstreamAt <= next.at ? upstreamAt : next.at;
    changes.push({ source, host: check.host, service: check.service, from, to: check.state, at });
  }
  return changes.sort((a, b) => a.at - b.at);
}

/**
 * One source's state changes in memory, oldest first: bounded by age (`retentionMs` before the
 * newest reading) and by count, forgetting the oldest; whatever is forgotten moves `knownSince` up,
 * so a reader never takes a forgotten stretch for a quiet one.
 */
export class StateChangeLog {
  private changes: StateChange[] = [];
  private knownSince: number | null = null;

  constructor(
    private readonly retentionMs: number,
    private readonly maxChanges: number,
  ) {}

  /** The changes between two readings (`from` null: no earlier reading, so only tracking starts). */
  record(changes: readonly StateChange[], comparedFrom: number, now: number): void {
    this.knownSince ??= comparedFrom;
    // a reading older than the last one recorded (a clock stepped back) must not reorder the log
    const newest = this.changes[this.changes.length - 1]?.at ?? Number.NEGATIVE_INFINITY;
    for (const change of changes) this.changes.push(change.at < newest ? { ...change, at: newest } : change);
    this.forget(now);
  }

  /**
   * Kept changes from the database, loaded at start: those older than the first change recorded since
   * the start go before it (a poll that landed first keeps what it saw), and tracking reaches back to
   * whichever started first.
   */
  load(kept: StateChangeHistory, now: number): void {
    const firstLive = this.changes[0]?.at ?? Number.POSITIVE_INFINITY;
    this.changes = [...kept.changes.filter((change) => change.at < firstLive), ...this.changes];
    if (kept.knownSince !== null) this.knownSince = this.knownSince === null ? kept.knownSince : Math.min(this.knownSince, kept.knownSince);
    this.forget(now);
  }

  /** Changes at or after `since`, oldest first. */
  since(since: number): StateChangeHistory {
    if (this.knownSince === null) return NO_STATE_CHANGES;
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.changes[mid]!.at < since) lo = mid + 1;
      else hi = mid;
    }
    return { knownSince: this.knownSince, changes: this.changes.slice(lo) };
  }

  private forget(now: number): void {
    const cutoff = now - this.retentionMs;
    let drop = 0;
    while (drop < this.changes.length && this.changes[drop]!.at < cutoff) drop++;
    const overCap = this.changes.length - drop - this.maxChanges;
    if (overCap > 0) {
      drop += overCap;
      // everything after the last one forgotten is still known
      const lastForgotten = this.changes[drop - 1]!.at;
      this.knownSince = Math.max(this.knownSince ?? lastForgotten, lastForgotten);
    }
    if (drop > 0) this.changes = this.changes.slice(drop);
    if (this.knownSince !== null && this.knownSince < cutoff) this.knownSince = cutoff;
  }
}

import type { DeploysReading } from '../readings/deploys.js';
import type { FmeaMode } from '../readings/fmea.js';
import type { IncidentRecord } from '../readings/incidents.js';
import type { MetricsReading } from '../readings/metrics.js';
import type { Check, MonitoringReading } from '../readings/monitoring.js';
import type { ReadingType } from '../readings/reading-kind.js';
import type { HistoryPoint } from '../store/history.js';
import type { StateChange, StateChangeHistory } from '../store/state-changes.js';
import { globMatcher } from '../tiles/glob.js';
import type { ModeEvidence, ReportedOccurrence, SignalEpisode } from './evidence.js';
import type { CheckSignal, DeploySignal, SeriesSignal } from './fmea-document.js';

/**
 * What the evidence of failure modes is gathered from: the sources a risk tile may read (its
 * `evidenceFrom`), as they are now. A port, so the rules below stay pure and testable.
 */
export interface EvidenceSources {
  /** The tile may read this source (it is listed in its evidenceFrom). */
  listed(sourceId: string): boolean;
  /** The kind of reading a listed source gives now; null before its first reading. */
  readingType(sourceId: string): ReadingType | null;
  monitoring(sourceId: string): MonitoringReading | null;
  stateChanges(sourceId: string, since: number): StateChangeHistory;
  metrics(sourceId: string): MetricsReading | null;
  history(sourceId: string, series: string): readonly HistoryPoint[];
  deploys(sourceId: string): DeploysReading | null;
  /** Every incident of the listed incidents sources. */
  incidents: readonly IncidentRecord[];
}

/** A signal the evidence could not be read from, by its JSON path in the FMEA file. */
export interface SignalProblem {
  path: string;
  message: string;
}

export interface GatheredEvidence {
  /** null: nothing is known of this mode (no signal readable, no report), so its assessed ratings stand. */
  evidence: ModeEvidence | null;
  problems: SignalProblem[];
}

/** What one signal contributed. */
interface SignalFindings {
  episodes: SignalEpisode[];
  /** Since when this signal's history is known; null when not at all. */
  knownSince: number | null;
}

const SIGNAL_KINDS = {
  checks: { reads: 'monitoring', needs: 'a nagios or icinga2 source' },
  series: { reads: 'metrics', needs: 'a metrics source (munin, http, push)' },
  deploys: { reads: 'deploys', needs: 'a deploys source' },
} as const;

/**
 * The evidence of one failure mode (its `signals` and the incidents reported for it) over the window
 * from `windowStart` to `now`, in the shape the live ratings take (evidence.ts):
 *
 * - checks: each matching check's stretches in one of the signal's states, rebuilt from the source's
 *   state changes backwards from its state now; one still in such a state is happening now;
 * - series: each matching series' stretches over (or under) its threshold in the kept history;
 * - deploys: each failed or rolled-back deploy in a matching environment and service;
 * - reports: the mode's incidents (`documentId/modeId`), open until resolved.
 *
 * `signalsKnownSince` is the latest start among the signals' histories (all of them must reach back
 * for a quiet window to count). A signal whose source the tile may not read, or which matches nothing
 * in a source that has data, is a problem named by its path, and adds nothing.
 */
export function gatherModeEvidence(documentId: string, mode: FmeaMode, modeIndex: number, sources: EvidenceSources, windowStart: number, now: number): GatheredEvidence {
  const problems: SignalProblem[] = [];
  const findings: SignalFindings[] = [];
  const signals = mode.signals ?? { checks: [], series: [], deploys: [] };
  const at = (kind: keyof typeof SIGNAL_KINDS, index: number) => `$.modes[${modeIndex}].signals.${kind}[${index}]`;

  const readable = (kind: keyof typeof SIGNAL_KINDS, index: number, sourceId: string): boolean => {
    const path = `${at(kind, index)}.source`;
    if (!sources.listed(sourceId)) {
      problems.push({ path, message: `source "${sourceId}" is not in this tile's evidenceFrom; add it to the tile's options.evidenceFrom, or fix the source id in the file` });
      return false;
    }
    const type = sources.readingType(sourceId);
    if (type !== null && type !== SIGNAL_KINDS[kind].reads) {
      problems.push({ path, message: `source "${sourceId}" gives ${type} readings; ${kind} need ${SIGNAL_KINDS[kind].needs}` });
      return false;
    }
    return true;
  };
  const nothingMatches = (kind: keyof typeof SIGNAL_KINDS, index: number, what: string) =>
    problems.push({ path: at(kind, index), message: `${what}; fix the name or glob` });

  signals.checks.forEach((signal, index) => {
    if (!readable('checks', index, signal.source)) return;
    const found = checkFindings(signal, sources, windowStart, now);
    if (found === 'nothing-matches') nothingMatches('checks', index, `no check of "${signal.source}" matches host ${signal.host.join(', ')}${signal.service ? ` service ${signal.service.join(', ')}` : ' (host check)'}`);
    else if (found) findings.push(found);
  });
  signals.series.forEach((signal, index) => {
    if (!readable('series', index, signal.source)) return;
    const found = seriesFindings(signal, sources);
    if (found === 'nothing-matches') nothingMatches('series', index, `no series of "${signal.source}" matches ${signal.series.join(', ')}`);
    else if (found) findings.push(found);
  });
  signals.deploys.forEach((signal, index) => {
    if (!readable('deploys', index, signal.source)) return;
    const found = deployFindings(signal, sources.deploys(signal.source));
    if (found) findings.push(found);
  });

  const key = `${documentId}/${mode.id}`;
  const reports = sources.incidents.filter((incident) => incident.mode === key).map((incident) => reportOf(incident, now));
  if (findings.length === 0 && reports.length === 0) return { evidence: null, problems };
  const starts = findings.map((f) => f.knownSince);
  const signalsKnownSince = starts.length > 0 && starts.every((s) => s !== null) ? Math.max(...starts.map((s) => s ?? 0)) : null;
  return { evidence: { signalsKnownSince, episodes: findings.flatMap((f) => f.episodes), reports }, problems };
}

function reportOf(incident: IncidentRecord, now: number): ReportedOccurrence {
  const end = incident.resolvedAt ?? (incident.closesAt <= now ? incident.closesAt : null);
  return { by: incident.by, start: incident.at, end };
}

const checkKey = (host: string, service: string | null) => `${host}\u0000${service ?? ''}`;
const checkLabel = (host: string, service: string | null) => (service === null ? host : `${host} / ${service}`);

/**
 * A check signal's episodes: per matching check, its states over the window rebuilt from its state
 * changes (the state before the first change is that change's `from`; without changes, its state now).
 * Null when the source has no data yet; 'nothing-matches' when it has and no check matches.
 */
function checkFindings(signal: CheckSignal, sources: EvidenceSources, windowStart: number, now: number): SignalFindings | 'nothing-matches' | null {
  const host = globMatcher(signal.host);
  const service = signal.service ? globMatcher(signal.service) : null;
  const matches = (c: { host: string; service: string | null }) => host(c.host) && (service ? c.service !== null && service(c.service) : c.service === null);
  const reading = sources.monitoring(signal.source);
  const history = sources.stateChanges(signal.source, windowStart);
  if (!reading && history.knownSince === null) return null;

  const current = new Map<string, Check>();
  for (const check of reading?.checks ?? []) if (matches(check)) current.set(checkKey(check.host, check.service), check);
  const changes = new Map<string, StateChange[]>();
  for (const change of history.changes) {
    if (!matches(change)) continue;
    const k = checkKey(change.host, change.service);
    const list = changes.get(k);
    if (list) list.push(change);
    else changes.set(k, [change]);
  }
  const keys = new Set([...current.keys(), ...changes.keys()]);
  if (keys.size === 0) return 'nothing-matches';

  const problem = new Set<string>(signal.states);
  const knownFrom = Math.max(history.knownSince ?? reading?.at ?? now, windowStart);
  const episodes: SignalEpisode[] = [];
  for (const k of keys) {
    const check = current.get(k);
    const its = changes.get(k) ?? [];
    const first = its[0];
    const label = checkLabel(check?.host ?? first!.host, check ? check.service : (first?.service ?? null));
    const initial = first?.from ?? check!.state;
    // in it since before the first change known: since the upstream says, when no change was recorded since; else since the history starts
    let open: number | null = problem.has(initial) ? (first === undefined ? (check?.lastStateChange ?? knownFrom) : knownFrom) : null;
    let openState = initial;
    for (const change of its) {
      if (problem.has(change.to) && open === null) {
        open = change.at;
        openState = change.to;
      } else if (!problem.has(change.to) && open !== null) {
        episodes.push({ signal: label, state: openState.toUpperCase(), start: open, end: change.at });
        open = null;
      }
    }
    if (open !== null) {
      // still in it if the check is still there; one gone from the upstream ended when last seen
      const ongoing = check !== undefined && problem.has(check.state);
      episodes.push({ signal: label, state: openState.toUpperCase(), start: open, end: ongoing ? null : (reading?.at ?? now) });
    }
  }
  return { episodes, knownSince: history.knownSince };
}

/** A series signal's episodes: stretches of kept history over (or under) the threshold; a gap (null) ends one. */
function seriesFindings(signal: SeriesSignal, sources: EvidenceSources): SignalFindings | 'nothing-matches' | null {
  const reading = sources.metrics(signal.source);
  if (!reading) return null;
  const matches = globMatcher(signal.series);
  const names = reading.samples.map((sample) => sample.series).filter(matches);
  if (names.length === 0) return 'nothing-matches';
  const { above, below } = signal.threshold;
  const over = (value: number) => (above !== undefined && value > above) || (below !== undefined && value < below);
  const state = [above !== undefined ? `above ${above}` : '', below !== undefined ? `below ${below}` : ''].filter(Boolean).join(' or ');
  const episodes: SignalEpisode[] = [];
  let knownSince: number | null = null;
  for (const name of names) {
    const points = sources.history(signal.source, name);
    const firstAt = points[0]?.[0];
    if (firstAt === undefined) continue;
    knownSince = knownSince === null ? firstAt : Math.max(knownSince, firstAt);
    let open: number | null = null;
    for (const [t, value] of points) {
      if (value !== null && over(value)) open ??= t;
      else if (open !== null) {
        episodes.push({ signal: name, state, start: open, end: t });
        open = null;
      }
    }
    if (open !== null) episodes.push({ signal: name, state, start: open, end: null });
  }
  return { episodes, knownSince };
}

/** A deploy signal's episodes: failed and rolled-back deploys it matches; known since the oldest deploy kept in its environments. */
function deployFindings(signal: DeploySignal, reading: DeploysReading | null): SignalFindings | null {
  if (!reading) return null;
  const env = globMatcher(signal.env);
  const what = globMatcher(signal.service);
  const inEnv = reading.deploys.filter((deploy) => env(deploy.env));
  if (inEnv.length === 0) return { episodes: [], knownSince: null };
  const episodes = inEnv
    .filter((deploy) => deploy.status === 'failed' || deploy.status === 'rolled_back')
    .filter((deploy) => !signal.service || [deploy.service, deploy.manifest].some((name) => name !== null && what(name)))
    .map(
      (deploy): SignalEpisode => ({
        signal: `${deploy.env} / ${[deploy.service ?? deploy.manifest, deploy.version].filter(Boolean).join(' ')}`,
        state: deploy.status === 'failed' ? 'failed' : 'rolled back',
        start: deploy.startedAt,
        end: deploy.finishedAt ?? deploy.updatedAt,
      }),
    );
  return { episodes, knownSince: Math.min(...inEnv.map((deploy) => deploy.startedAt)) };
}

import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';
import type { Status } from '../../shared/status.js';
import type { RiskData, RiskHeadline, RiskModeView } from '../../shared/views/risk.js';
import type { ModeEvidence } from '../fmea/evidence.js';
import { rankFailureModes, type RankedMode } from '../fmea/risk-ranking.js';
import { type EvidenceSources, type GatheredEvidence, gatherModeEvidence } from '../fmea/signal-evidence.js';
import type { FmeaReading } from '../readings/fmea.js';
import type { IncidentRecord } from '../readings/incidents.js';
import type { ReadingType } from '../readings/reading-kind.js';
import { NO_STATE_CHANGES } from '../store/state-changes.js';
import { defineTileKind, type TileInput } from './tile-kind.js';

/** The kinds of source a risk tile's evidence may come from: checks, series, deploys, incidents. */
const EVIDENCE_READINGS = ['monitoring', 'metrics', 'deploys', 'incidents'] as const satisfies readonly ReadingType[];
const MAX_PROBLEMS = 10;
const WHY_LINES = 4;
const WHY_CHARS = 300;
const DAY_MS = 86_400_000;

const options = z
  .object({
    evidenceFrom: z
      .array(z.string().min(1).max(100))
      .max(20)
      .default([])
      .describe(
        'Ids of the sources the FMEAs\' signals may name (nagios/icinga2 for checks, munin/http/push for series, deploys) and of incidents sources; a change of any of them updates the tile',
      ),
    top: z.number().int().min(1).max(20).default(5).describe('How many failure modes are shown, the top risks now; the rest are counted'),
    compact: z.boolean().optional().describe('true: one line per mode; false: effect, next action and why under each; left out: by the tile\'s size'),
    criticalSeverity: z
      .number()
      .int()
      .min(1)
      .max(10)
      .default(8)
      .describe('A mode of at least this severity happening now makes the tile critical; one below it, warning'),
    warnAboveRpn: z.number().int().min(1).max(1000).optional().describe('A mode whose live RPN is at least this is marked, and makes the tile warning; left out: only modes happening now do'),
  })
  .strict();

type RiskOptions = z.infer<typeof options>;

/**
 * FMEA failure modes ranked by risk now (docs/fmea.md): those happening now first, then by live RPN,
 * from an `fmea` source's documents and the evidence of their signals in the sources `evidenceFrom`
 * names (related sources: a poll of any of them recomputes the tile). Critical while a mode of
 * severity ≥ criticalSeverity happens, warning while another does, or when a file or a signal has
 * a problem; never ok while the evidence it reads is not current.
 */
export const riskTile = defineTileKind({
  widget: 'risk',
  description: 'FMEA failure modes ranked by risk now: S, O and D assessed and observed, the RPN, modes happening now first, effect and next action.',
  consumes: 'fmea',
  options,
  related: (o) => o.evidenceFrom.map((source, i) => ({ source, reads: EVIDENCE_READINGS, path: ['evidenceFrom', i] })),
  project(input) {
    const { reading, options: o } = input;
    if (!reading) return { status: 'unknown', data: emptyData('waiting', o) };
    return projectRisk(reading, o, evidenceSourcesOf(input, o), input.now, (id) => staleReason(input, id));
  },
});

/**
 * The tile's status and data. `staleReasonOf` says why a source's data is not current (null when it
 * is): judged only for the sources the documents' checks and series name, which say what happens now.
 */
export function projectRisk(
  reading: FmeaReading,
  o: RiskOptions,
  sources: EvidenceSources,
  now: number,
  staleReasonOf: (sourceId: string) => string | null,
): { status: Status; data: RiskData; reason?: string } {
  const problems = reading.files.flatMap((file) =>
    file.error ? [`${file.error.message}; showing the version loaded ${new Date(file.loadedAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`] : [],
  );
  const gathered = new Map<string, GatheredEvidence>();
  for (const { file, document } of reading.files) {
    const windowStart = now - document.observedOccurrence.windowDays * DAY_MS;
    document.modes.forEach((mode, index) => {
      const found = gatherModeEvidence(document.id, mode, index, sources, windowStart, now);
      gathered.set(`${document.id}/${mode.id}`, found);
      for (const problem of found.problems) problems.push(`${file}: ${problem.path}: ${problem.message}`);
    });
  }
  const evidenceOf = (documentId: string, modeId: string): ModeEvidence | null => gathered.get(`${documentId}/${modeId}`)?.evidence ?? null;
  const ranked = rankFailureModes(
    reading.files.map((f) => f.document),
    evidenceOf,
    now,
  );
  const views = ranked.map((mode) => modeView(mode, o));
  const shown = views.slice(0, o.top);
  const happening = views.filter((m) => m.active !== null);
  const uniqueProblems = [...new Set(problems)];
  const data: RiskData = {
    headline: views.length === 0 ? 'no-modes' : happening.length > 0 ? 'happening' : 'ranked',
    modes: shown,
    more: views.length - shown.length,
    total: views.length,
    happening: happening.length,
    rpnScale: Math.max(1, ...shown.flatMap((m) => [m.rpn.assessed, m.rpn.live])),
    compact: o.compact ?? null,
    problems: uniqueProblems.slice(0, MAX_PROBLEMS),
    moreProblems: Math.max(0, uniqueProblems.length - MAX_PROBLEMS),
  };
  const worst: Status = views.some((m) => m.tone === 'critical') ? 'critical' : views.some((m) => m.tone === 'warning') || uniqueProblems.length > 0 ? 'warning' : 'ok';
  const reasons = [happeningReason(happening), ...(worst !== 'ok' && happening.length === 0 ? markedReason(views) : []), ...uniqueProblems.slice(0, 1)];
  const live = new Set(reading.files.flatMap(({ document }) => document.modes.flatMap((m) => [...(m.signals?.checks ?? []), ...(m.signals?.series ?? [])].map((signal) => signal.source))));
  const stale = [...live].filter((id) => sources.listed(id)).flatMap((id) => {
    const why = staleReasonOf(id);
    return why === null ? [] : [`${id}: ${why}`];
  });
  if (stale.length) reasons.push(`evidence not current: ${stale.join('; ')}`);
  if (views.length === 0) return { status: 'unknown', data, reason: 'the FMEA files hold no failure mode' };
  // stale evidence proves nothing about now: no green on it
  const status: Status = worst === 'ok' && stale.length > 0 ? 'unknown' : worst;
  const reason = reasons.filter((r): r is string => !!r).join(' · ');
  return reason ? { status, data, reason } : { status, data };
}

function modeView(mode: RankedMode, o: RiskOptions): RiskModeView {
  const active = mode.active ? { what: 'signal' in mode.active ? `'${mode.active.signal}' ${mode.active.state}` : `reported by ${mode.active.reportedBy}`, since: mode.active.since } : null;
  const tone: Status = active
    ? mode.severity >= o.criticalSeverity
      ? 'critical'
      : 'warning'
    : o.warnAboveRpn !== undefined && mode.rpn.live >= o.warnAboveRpn
      ? 'warning'
      : 'ok';
  const next = mode.nextAction;
  return {
    key: mode.key,
    rank: mode.rank,
    assessedRank: mode.assessedRank,
    function: mode.function,
    failureMode: mode.failureMode,
    effect: mode.effect,
    owner: mode.owner,
    nextAction: next && next.status !== 'done' ? { action: next.action, owner: next.owner, due: next.due ?? null, status: next.status } : null,
    severity: mode.severity,
    occurrence: { ...mode.occurrence },
    detection: { ...mode.detection },
    rpn: { ...mode.rpn },
    evidence: mode.evidence,
    active,
    tone,
    why: mode.why.slice(0, WHY_LINES).map((line) => plainLine(line, WHY_CHARS)),
  };
}

/** "Storage unavailable happening now (S10): 'db01' DOWN · 1 more happening". */
function happeningReason(happening: readonly RiskModeView[]): string | null {
  const [first] = happening;
  if (!first?.active) return null;
  const more = happening.length > 1 ? ` · ${happening.length - 1} more happening` : '';
  return `${first.failureMode} happening now (S${first.severity}): ${first.active.what}${more}`;
}

/** Nothing happens, but a mode is over warnAboveRpn. */
function markedReason(views: readonly RiskModeView[]): string[] {
  const over = views.filter((m) => m.tone === 'warning');
  const [first] = over;
  return first ? [`${first.failureMode}: live RPN ${first.rpn.live}${over.length > 1 ? ` · ${over.length - 1} more over the limit` : ''}`] : [];
}

function emptyData(headline: RiskHeadline, o: RiskOptions): RiskData {
  return { headline, modes: [], more: 0, total: 0, happening: 0, rpnScale: 1, compact: o.compact ?? null, problems: [], moreProblems: 0 };
}

/** The tile's input as the evidence rules read it: only the sources in evidenceFrom, each read once per projection. */
function evidenceSourcesOf(input: TileInput, o: RiskOptions): EvidenceSources {
  const listed = new Set(o.evidenceFrom);
  const types = new Map<string, ReadingType | null>();
  const readingType = (sourceId: string): ReadingType | null => {
    if (!types.has(sourceId)) types.set(sourceId, EVIDENCE_READINGS.find((type) => input.related(sourceId, type).reading !== null) ?? null);
    return types.get(sourceId) ?? null;
  };
  const incidents: IncidentRecord[] = o.evidenceFrom.flatMap((id) => input.related(id, 'incidents').reading?.incidents ?? []);
  return {
    listed: (id) => listed.has(id),
    readingType,
    monitoring: (id) => (listed.has(id) ? input.related(id, 'monitoring').reading : null),
    stateChanges: (id, since) => (listed.has(id) ? (input.stateChanges?.(id, since) ?? NO_STATE_CHANGES) : NO_STATE_CHANGES),
    metrics: (id) => (listed.has(id) ? input.related(id, 'metrics').reading : null),
    history: (id, series) => (listed.has(id) ? (input.relatedHistory?.(id, series) ?? []) : []),
    deploys: (id) => (listed.has(id) ? input.related(id, 'deploys').reading : null),
    incidents,
  };
}

/** Why a related source's data is not current ("connection refused by …"), null when it is. */
function staleReason(input: TileInput, sourceId: string): string | null {
  const { stale, reason } = input.related(sourceId, 'monitoring');
  return stale ? (reason ?? 'not current') : null;
}

import type { DeployEvent } from '../../../shared/pushed-events/deploy.js';
import type { DeployRecord, DeploysReading } from '../../readings/deploys.js';
import { correlatedByTargetOnly, deployKey, sameDeploy } from './correlation.js';
import { keepBounded } from './retention.js';

export interface FoldSettings {
  /** Deploys kept per environment (the newest); the last success of each target is kept besides. */
  keepPerEnv: number;
  /** A deploy whose events name no timeout is stalled this long after it started. */
  stallAfterMs: number;
}

const OUTCOMES = new Set<DeployRecord['status']>(['succeeded', 'failed', 'rolled_back']);

export const isFinished = (record: Pick<DeployRecord, 'finishedAt'>): boolean => record.finishedAt !== null;

/**
 * The deploys after `events` (oldest first), from the previous reading: each event joins the deploy
 * it belongs to (correlation.ts) or starts one. What arrives late never undoes what is known: a
 * progress report after the outcome does not reopen a finished deploy, and an older report does not
 * overwrite a newer one's progress. A later outcome replaces an earlier one (a deploy that failed
 * and was then rolled back), except after a rollback, which is final. Times a sender puts in the
 * future are taken as now: a clock ahead must not make a deploy run backwards.
 */
export function foldDeployEvents(previous: DeploysReading | null, events: readonly DeployEvent[], settings: FoldSettings, now: number): DeploysReading {
  const records = (previous?.deploys ?? []).map((record) => ({ ...record, hosts: [...record.hosts] }));
  const envs = [...(previous?.envs ?? [])];
  for (const event of events) {
    if (!envs.includes(event.env)) envs.push(event.env);
    const at = Math.min(event.at ?? now, now);
    // newest first: of two runs of the same version, the later one is the one reporting
    const match = records.filter((r) => sameDeploy(r, event)).sort((a, b) => b.startedAt - a.startedAt)[0];
    if (match === undefined || (isFinished(match) && startsAgain(match, event, at))) {
      records.push(newRecord(event, at, settings));
    } else {
      apply(match, event, at);
    }
  }
  const kept = keepBounded(records, settings.keepPerEnv);
  const present = new Set(kept.map((r) => r.env));
  return { type: 'deploys', at: now, deploys: kept, envs: envs.filter((env) => present.has(env)) };
}

/** The same version deployed again after it finished: only a new start, tied by what is deployed alone, says so. */
function startsAgain(record: DeployRecord, event: DeployEvent, at: number): boolean {
  return event.status === 'started' && correlatedByTargetOnly(event) && at > (record.finishedAt ?? Infinity);
}

function newRecord(event: DeployEvent, at: number, settings: FoldSettings): DeployRecord {
  const startedAt = Math.min(event.startedAt ?? at, at);
  const outcome = OUTCOMES.has(event.status);
  return {
    key: deployKey(event, startedAt),
    env: event.env,
    service: event.service ?? null,
    manifest: event.manifest ?? null,
    version: event.version ?? null,
    status: event.status,
    progress: typeof event.progress === 'number' ? event.progress : null,
    step: typeof event.progress === 'string' ? event.progress : null,
    by: event.by ?? null,
    ticket: event.ticket ? { id: event.ticket.id, url: event.ticket.url ?? null } : null,
    hosts: event.hosts ? [...new Set(event.hosts)] : [],
    startedAt,
    updatedAt: at,
    finishedAt: outcome ? at : null,
    timeoutMs: event.timeoutSeconds !== undefined ? event.timeoutSeconds * 1000 : settings.stallAfterMs,
    message: event.message ?? null,
    deployId: event.deploy ?? null,
  };
}

function apply(record: DeployRecord, event: DeployEvent, at: number): void {
  fillDetails(record, event, at);
  const outcome = OUTCOMES.has(event.status);
  if (isFinished(record)) {
    // a later outcome replaces an earlier one; nothing replaces a rollback, and nothing reopens
    if (outcome && record.status !== 'rolled_back' && at >= (record.finishedAt ?? 0)) {
      record.status = event.status;
      record.finishedAt = at;
      record.message = event.message ?? record.message;
    }
    record.updatedAt = Math.max(record.updatedAt, at);
    return;
  }
  if (outcome) {
    record.status = event.status;
    record.finishedAt = Math.max(at, record.startedAt);
    record.message = event.message ?? record.message;
  } else if (at >= record.updatedAt) {
    // a start reported again says nothing new; a progress report moves the deploy on
    if (event.status === 'progress') record.status = 'progress';
    if (typeof event.progress === 'number') record.progress = event.progress;
    if (typeof event.progress === 'string') record.step = event.progress;
  }
  record.updatedAt = Math.max(record.updatedAt, at);
}

/** What any event of the deploy may tell, whenever it comes: who, which ticket, which hosts, when it started. */
function fillDetails(record: DeployRecord, event: DeployEvent, at: number): void {
  record.manifest ??= event.manifest ?? null;
  record.service ??= event.service ?? null;
  record.version ??= event.version ?? null;
  record.by ??= event.by ?? null;
  record.deployId ??= event.deploy ?? null;
  if (event.ticket) record.ticket = { id: event.ticket.id, url: event.ticket.url ?? record.ticket?.url ?? null };
  if (event.hosts) record.hosts = [...new Set([...record.hosts, ...event.hosts])].slice(0, 1_000);
  if (event.timeoutSeconds !== undefined) record.timeoutMs = event.timeoutSeconds * 1000;
  const claimedStart = event.startedAt ?? (event.status === 'started' ? at : undefined);
  if (claimedStart !== undefined) record.startedAt = Math.min(record.startedAt, claimedStart);
}

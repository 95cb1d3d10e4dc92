import { plainLine } from '../../shared/plain-text.js';
import type { AlertDeploy, AlertsDeploys } from '../../shared/views/alerts.js';
import type { DeployRecord, DeploysReading } from '../readings/deploys.js';
import { DeployExpectations, type DeployWindow } from './deploy-expectations.js';
import type { RelatedReading } from './tile-kind.js';

const LABEL_CHARS = 80;

/** The deploys an alerts tile reads, as its projection gets them. */
export interface AlertsDeploysInput {
  source: string;
  related: RelatedReading<DeploysReading>;
  graceMs: number;
  now: number;
}

/**
 * The tile's view of its deploys source, and the expectations to judge problems with — none when its
 * data is not current: a red is never hidden on data nobody can vouch for, and the view says why.
 */
export function alertsDeploys({ source, related, graceMs, now }: AlertsDeploysInput): {
  view: AlertsDeploys;
  expectations: DeployExpectations | null;
  /** Why the deploys are not current, in words; null when they are. */
  why: string | null;
} {
  const { reading, stale } = related;
  if (stale || reading === null) {
    const why = plainLine(stale ? (related.reason ?? 'its data is not current') : 'it gives no deploys reading', 240);
    return { view: { source, current: false, reason: `deploys source "${source}": ${why}`, graceMs, active: [] }, expectations: null, why };
  }
  const expectations = new DeployExpectations(reading.deploys, now, graceMs);
  return { view: { source, current: true, reason: null, graceMs, active: expectations.active().map(alertDeploy) }, expectations, why: null };
}

/** What a deploy deploys, as people say it: the manifest, else the service and version, else its key. */
export function deployLabel(deploy: DeployRecord): string {
  const what = deploy.manifest ?? (deploy.service ? [deploy.service, deploy.version].filter(Boolean).join(' ') : deploy.key);
  return plainLine(what, LABEL_CHARS);
}

function alertDeploy(window: DeployWindow): AlertDeploy {
  const { deploy } = window;
  const stalled = deploy.finishedAt === null && window.endedAt !== null;
  return {
    key: deploy.key,
    label: deployLabel(deploy),
    env: plainLine(deploy.env, LABEL_CHARS),
    status: stalled ? 'stalled' : deploy.status,
    by: deploy.by === null ? null : plainLine(deploy.by, LABEL_CHARS),
    ticket: deploy.ticket === null ? null : plainLine(deploy.ticket.id, LABEL_CHARS),
    startedAt: deploy.startedAt,
    endedAt: window.endedAt,
    expectedUntil: window.expectedUntil,
  };
}

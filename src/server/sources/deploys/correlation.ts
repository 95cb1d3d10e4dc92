import type { DeployEvent } from '../../../shared/pushed-events/deploy.js';
import type { DeployRecord } from '../../readings/deploys.js';

/**
 * Whether an event belongs to a deploy already recorded. The tool's run id decides when both carry
 * one, else the ticket (one per deploy) when both carry one, else what is deployed: the same
 * environment, manifest or service and version. Always within one environment: a run id or ticket
 * reused for the next environment starts a deploy there, it never moves one.
 */
export function sameDeploy(record: DeployRecord, event: DeployEvent): boolean {
  if (record.env !== event.env) return false;
  if (event.deploy !== undefined && record.deployId) return record.deployId === event.deploy;
  if (event.ticket !== undefined && record.ticket !== null) return record.ticket.id === event.ticket.id;
  return (
    (event.manifest === undefined || event.manifest === record.manifest) &&
    (event.service === undefined || event.service === record.service) &&
    (event.version ?? null) === record.version
  );
}

/** Only what is deployed ties this event to a record: no run id or ticket says which run it is. */
export function correlatedByTargetOnly(event: DeployEvent): boolean {
  return event.deploy === undefined && event.ticket === undefined;
}

/**
 * The record's key, unique within the reading: the environment with the tool's run id, else the
 * ticket, else what is deployed and when it started (the same version may be deployed again).
 */
export function deployKey(event: DeployEvent, startedAt: number): string {
  if (event.deploy !== undefined) return `${event.env}/deploy:${event.deploy}`;
  if (event.ticket !== undefined) return `${event.env}/ticket:${event.ticket.id}`;
  return `${event.env}/${event.manifest ?? event.service}@${event.version ?? '?'}/${startedAt}`;
}

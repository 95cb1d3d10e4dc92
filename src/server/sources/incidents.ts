import { z } from 'zod';
import { incidentEventSchema, type IncidentEvent } from '../../shared/pushed-events/incident.js';
import { parseDurationMs } from '../config/duration.js';
import type { IncidentRecord, IncidentsReading } from '../readings/incidents.js';
import { definePushedSourceKind } from './source-kind.js';

const options = z.object({
  keepForDays: z.number().int().min(1).max(3_650).default(90).describe('Days a resolved incident is kept after it ended: at least the longest FMEA window it should count in'),
  closeAfter: z
    .union([z.number().positive(), z.string()])
    .default('24h')
    .describe('An incident never resolved counts as ended this long after it began, so a forgotten one does not hold its mode at the top: "24h", "90m" or seconds')
    .superRefine((value, ctx) => {
      if (parseDurationMs(value) === null) ctx.addIssue({ code: 'custom', message: 'expected a duration such as "24h", "90m" or a number of seconds' });
    }),
  maxIncidents: z.number().int().min(1).max(5_000).default(1_000).describe('How many incidents are kept, the newest'),
});

/**
 * FMEA failure modes marked as happening by people or tools (`incident` events): "the disk filled up
 * on db1", said by alice. The FMEA risk tile counts them as occurrences of the mode, and one that no
 * bound signal showed as a miss of detection. An incident is known by its `incident` name (else its
 * mode and start): a later event with that name updates it, and `resolvedAt` ends it. Never resolved,
 * it ends `closeAfter` after it began; resolved ones drop out `keepForDays` after they ended.
 */
export const incidentsSource = definePushedSourceKind({
  kind: 'incidents',
  description: 'FMEA failure modes marked as happening, pushed as `incident` events: which mode, who says so, since when, resolved when.',
  produces: 'incidents',
  event: 'incident',
  options,
  payload: incidentEventSchema,
  receive(options, events, context): IncidentsReading {
    const now = context.now();
    const keepForMs = options.keepForDays * 86_400_000;
    const closeAfterMs = parseDurationMs(options.closeAfter) ?? 86_400_000;
    let incidents = context.previous?.incidents ?? [];
    for (const event of events) {
      const incident = incidentOf(event, incidents, now, closeAfterMs);
      incidents = [incident, ...incidents.filter((kept) => kept.key !== incident.key)];
    }
    const kept = incidents
      .map((incident) => (incident.resolvedAt === null && incident.closesAt <= now ? { ...incident, resolvedAt: incident.closesAt } : incident))
      .filter((incident) => incident.resolvedAt === null || incident.resolvedAt > now - keepForMs)
      .sort((a, b) => b.at - a.at || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .slice(0, options.maxIncidents);
    return { type: 'incidents', at: now, incidents: kept };
  },
});

/** The incident an event speaks of, updated by it: what it leaves out stays as it was. Future times are taken as now. */
function incidentOf(event: IncidentEvent, kept: readonly IncidentRecord[], arrivedAt: number, closeAfterMs: number): IncidentRecord {
  const key = event.incident ?? `${event.mode}@${event.at ?? arrivedAt}`;
  const before = kept.find((incident) => incident.key === key);
  const at = Math.min(event.at ?? before?.at ?? event.resolvedAt ?? arrivedAt, arrivedAt);
  const resolvedAt = event.resolvedAt ?? before?.resolvedAt ?? null;
  return {
    key,
    mode: event.mode,
    by: event.by,
    note: event.note ?? before?.note ?? null,
    at,
    resolvedAt: resolvedAt === null ? null : Math.max(at, Math.min(resolvedAt, arrivedAt)),
    closesAt: at + closeAfterMs,
  };
}

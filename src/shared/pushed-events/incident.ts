import { z } from 'zod';
import { eventEnvelope, instant, nameText, plainText } from './event-fields.js';

/** "documentId/modeId" of an FMEA failure mode, e.g. "database-storage/disk-full". */
const MODE_KEY = /^[A-Za-z0-9][A-Za-z0-9_.-]*\/[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * A failure mode of an FMEA marked as happening by a person or a tool (`kind: "incident"`): "disk full
 * on db1, alice". An incident that no bound signal of the mode showed is evidence that detection is
 * worse than rated (docs/fmea.md). An incident is named by `incident` (as a note by `note`): a later
 * event with the same name updates it — `resolvedAt` ends it. Not by `id`: that is the idempotency key.
 */
export const incidentEventSchema = z
  .object({
    kind: z.literal('incident'),
    ...eventEnvelope,
    incident: nameText(100)
      .optional()
      .describe('Names the incident, e.g. a ticket id "INC-4411": a later event with the same name updates it (resolvedAt ends it). Without it, an incident is known by its mode and start'),
    mode: z
      .string()
      .max(201)
      .regex(MODE_KEY, 'expected "documentId/modeId" of an FMEA failure mode, e.g. "database-storage/disk-full"')
      .describe('The failure mode happening: "documentId/modeId" as in the FMEA file'),
    by: plainText(100).describe('Who or what says it happens: "alice", "pagerduty"'),
    note: plainText(300).optional().describe('What was seen, for people'),
    at: instant.optional().describe('When it began; default when it arrived'),
    resolvedAt: instant.optional().describe('When it ended; left out while it lasts'),
  })
  .strict()
  .refine((event) => event.resolvedAt === undefined || event.at === undefined || event.resolvedAt >= event.at, {
    message: 'resolvedAt is before at: an incident ends after it begins',
    path: ['resolvedAt'],
  });

export type IncidentEvent = z.infer<typeof incidentEventSchema>;

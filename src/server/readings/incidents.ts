import { z } from 'zod';
import { defineReadingKind } from './reading-kind.js';

/** One failure mode marked as happening, folded from its `incident` events (the last word wins). */
export interface IncidentRecord {
  /** The incident's name as sent (`incident`), else its mode and start. */
  key: string;
  /** "documentId/modeId" of the FMEA failure mode. */
  mode: string;
  by: string;
  note: string | null;
  /** Epoch ms it began. */
  at: number;
  /** Epoch ms it ended; null while it lasts. */
  resolvedAt: number | null;
  /** Epoch ms it counts as ended if never resolved (the source's `closeAfter` after it began). */
  closesAt: number;
}

/** The incidents an `incidents` source has been told of, newest first, bounded by age and count. */
export interface IncidentsReading {
  type: 'incidents';
  /** Epoch ms of the last push. */
  at: number;
  incidents: IncidentRecord[];
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    incidents: IncidentsReading;
  }
}

const incidentRecord = z.looseObject({
  key: z.string(),
  mode: z.string(),
  by: z.string(),
  note: z.string().nullable(),
  at: z.number(),
  resolvedAt: z.number().nullable(),
  closesAt: z.number(),
});

export const incidentsReading = defineReadingKind({
  type: 'incidents',
  description: 'FMEA failure modes marked as happening by people or tools (incident events): mode, who, since when, resolved when.',
  schema: z.looseObject({ type: z.literal('incidents'), at: z.number(), incidents: z.array(incidentRecord) }),
});

import { z } from 'zod';
import type { FailureMode, FmeaDocument } from '../fmea/fmea-document.js';
import { defineReadingKind } from './reading-kind.js';

/**
 * The FMEA documents a source reads, one entry per configured file: the last good version of each
 * (its modes with their computed RPN) and, when what is in the file now cannot be used, why.
 */
export interface FmeaReading {
  type: 'fmea';
  /** Epoch ms of the poll. */
  at: number;
  files: FmeaFile[];
}

declare module './reading-kind.js' {
  interface ReadingTypes {
    fmea: FmeaReading;
  }
}

export interface FmeaFile {
  /** The path as configured. */
  file: string;
  /** The last good version of the file: what the tiles show, also while a broken edit is on disk. */
  document: FmeaReadingDocument;
  /** Epoch ms that version was read. */
  loadedAt: number;
  /** Why the file as it is now is not shown (a broken edit, the file gone); null when it is. */
  error: FmeaFileError | null;
  /** The file on disk when last looked at: while it is unchanged, it is not read again. Null when it could not be. */
  seen: FileVersion | null;
}

export interface FmeaFileError {
  /** One line for the wall: the file, the first problem's JSON path and what is wrong. */
  message: string;
  /** Every problem (bounded), by JSON path. */
  problems: { path: string; message: string }[];
}

/** What tells one content of a file from another without reading it again. */
export interface FileVersion {
  ino: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  /** Of the content: a file touched but not changed is not parsed again. */
  sha256: string;
}

export type FmeaMode = FailureMode & {
  /** severity × occurrence × detection, as assessed. */
  rpn: number;
};

export type FmeaReadingDocument = Omit<FmeaDocument, '$schema' | 'modes'> & { modes: FmeaMode[] };

const rating = z.number().int().min(1).max(10);
const globs = z.array(z.string());

const mode = z.looseObject({
  id: z.string(),
  failureMode: z.string(),
  effect: z.string(),
  severity: rating,
  potentialCause: z.string(),
  occurrence: rating,
  meansOfDetection: z.string(),
  detection: rating,
  rpn: z.number().int(),
  actions: z.array(
    z.looseObject({ action: z.string(), owner: z.string(), due: z.string().optional(), status: z.enum(['open', 'in-progress', 'done']) }),
  ),
  owner: z.string(),
  signals: z
    .looseObject({
      checks: z.array(z.looseObject({ source: z.string(), host: globs, service: globs.optional(), states: z.array(z.enum(['warning', 'critical', 'unknown', 'down', 'unreachable'])) })),
      series: z.array(
        z.looseObject({ source: z.string(), series: globs, threshold: z.looseObject({ above: z.number().optional(), below: z.number().optional() }) }),
      ),
      deploys: z.array(z.looseObject({ source: z.string(), env: globs.optional(), service: globs.optional() })),
    })
    .optional(),
});

const scaleKey = z.record(z.enum(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']), z.string());

const document = z.looseObject({
  id: z.string(),
  function: z.string(),
  description: z.string().optional(),
  owner: z.string().optional(),
  ratingKey: z.looseObject({ severity: scaleKey, occurrence: scaleKey, detection: scaleKey }),
  observedOccurrence: z.looseObject({ windowDays: z.number().int().min(1), episodesFrom: z.array(z.number().int().min(0)).length(10) }),
  modes: z.array(mode),
});

export const fmeaReading = defineReadingKind({
  type: 'fmea',
  description: 'FMEA documents (failure modes rated for severity, occurrence and detection, with their RPN), the last good version of each file and why a newer one is not shown.',
  schema: z.looseObject({
    type: z.literal('fmea'),
    at: z.number(),
    files: z.array(
      z.looseObject({
        file: z.string(),
        document,
        loadedAt: z.number(),
        error: z.looseObject({ message: z.string(), problems: z.array(z.looseObject({ path: z.string(), message: z.string() })) }).nullable(),
        seen: z.looseObject({ ino: z.number(), size: z.number(), mtimeMs: z.number(), ctimeMs: z.number(), sha256: z.string() }).nullable(),
      }),
    ),
  }),
});

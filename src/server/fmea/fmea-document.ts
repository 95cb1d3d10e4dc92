import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';
import { DEFAULT_OCCURRENCE_TABLE, occurrenceTableSchema } from './occurrence-table.js';

/**
 * An FMEA file (Failure Mode and Effect Analysis) as people write it: one system function, what each
 * 1–10 rating means, and its failure modes rated for severity, occurrence and detection. The RPN is
 * computed from the three (./rpn.ts), never typed. Each mode may name the live signals that show it
 * happening (`signals`), from which its observed occurrence and detection evidence are worked out.
 *
 * Everything in the file is hostile: every text is bounded (too long is refused, not clipped) and made
 * one plain line, lists are bounded, ratings are whole numbers 1–10.
 */

/** A text as the wall shows it: at most `maxChars`, one plain line, at least one visible character. */
const text = (maxChars: number) =>
  z
    .string()
    .max(maxChars, `expected at most ${maxChars} characters; shorten it`)
    .transform((value) => plainLine(value, maxChars))
    .refine((value) => value.length > 0, 'expected text with at least one visible character');

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const id = z.string().max(100, 'expected at most 100 characters').regex(ID_PATTERN, 'expected an id of letters, digits, "-", "_" or "." (e.g. "disk-full")');

/** A rating on FMEA's 1–10 scale. */
const rating = (scale: string) => {
  const expected = `expected a whole number from 1 to 10 (${scale})`;
  return z.number(expected).int(expected).min(1, expected).max(10, expected);
};

export const RATING_VALUES = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] as const;

/** What each value of one scale means, "1" to "10", all ten. */
const scaleKey = z.record(z.enum(RATING_VALUES), text(200)).describe('What each rating "1" to "10" means on this scale');

const ratingKey = z
  .object({
    severity: scaleKey.describe('Severity: 1 = no noticeable effect … 10 = total loss without warning'),
    occurrence: scaleKey.describe('Occurrence: 1 = practically never … 10 = continuous'),
    detection: scaleKey.describe('Detection: 1 = always detected before it hurts … 10 = never detected'),
  })
  .strict()
  .describe('What each 1–10 value means for severity, occurrence and detection');

/** A name or shell-style glob (`db*`, `web0?`), or a list of them. Kept as a list. */
const globs = z
  .union([text(200), z.array(text(200)).min(1).max(20)], {
    error: (issue) => (issue.input === undefined ? 'missing; expected a name or glob ("db*"), or a list of them' : 'expected a name or glob ("db*"), or a list of them'),
  })
  .transform((value) => (typeof value === 'string' ? [value] : value))
  .describe('A name or shell-style glob ("db*", "web0?"), or a list of them');

const sourceId = id.describe('Id of a source under "sources" in the board config');

/** States of a bound check that mean the failure mode is happening. */
export const PROBLEM_STATES = ['warning', 'critical', 'unknown', 'down', 'unreachable'] as const;

const checkSignal = z
  .object({
    source: sourceId.describe('A nagios or icinga2 source'),
    host: globs.describe('Host names or globs'),
    service: globs.optional().describe('Service descriptions or globs; left out, the host check itself'),
    states: z
      .array(z.enum(PROBLEM_STATES))
      .min(1)
      .default(['critical', 'down', 'unreachable'])
      .describe('States that mean the failure mode is happening; default critical (services), down and unreachable (hosts)'),
  })
  .strict();

const seriesSignal = z
  .object({
    source: sourceId.describe('A source of metrics: munin, http, push'),
    series: globs.describe('Series names or globs, e.g. "db1/diskstats_latency/*"'),
    threshold: z
      .object({
        above: z.number().optional().describe('Happening while the value is above this'),
        below: z.number().optional().describe('Happening while the value is below this'),
      })
      .strict()
      .refine((t) => t.above !== undefined || t.below !== undefined, 'expected "above", "below" or both, e.g. {"above": 500}'),
  })
  .strict();

const deploySignal = z
  .object({
    source: sourceId.describe('A deploys source'),
    env: globs.optional().describe('Environments or globs; left out, every environment'),
    service: globs.optional().describe('Services or globs; left out, every service and manifest'),
  })
  .strict();

const signals = z
  .object({
    checks: z.array(checkSignal).max(20).default([]).describe('Nagios or Icinga checks: the mode happens while one is in a problem state'),
    series: z.array(seriesSignal).max(20).default([]).describe('Metrics series: the mode happens while one is over its threshold'),
    deploys: z.array(deploySignal).max(20).default([]).describe('Deploys: a failed or rolled-back deploy is an occurrence'),
  })
  .strict()
  .describe('Live signals that show this failure mode happening');

const action = z
  .object({
    action: text(300).describe('What is done (or to be done) to prevent it or detect it sooner'),
    owner: text(100).describe('Who sees to it'),
    due: z.iso.date('expected a date such as "2030-01-31"').optional().describe('When it is due, YYYY-MM-DD'),
    status: z.enum(['open', 'in-progress', 'done']).default('open'),
  })
  .strict();

const failureMode = z
  .object({
    id: id.describe('Unique within the document, e.g. "disk-full"'),
    failureMode: text(200).describe('How the function fails, e.g. "Disk full"'),
    effect: text(500).describe('What users and the business see when it does'),
    severity: rating('severity'),
    potentialCause: text(500).describe('Why it would happen'),
    occurrence: rating('occurrence').describe('How often it is expected to happen, as assessed'),
    meansOfDetection: text(500).describe('How it is noticed today'),
    detection: rating('detection').describe('How likely it goes unnoticed, as assessed: 1 = always detected, 10 = never'),
    actions: z.array(action).max(20).default([]).describe('Preventative actions, the next one first'),
    owner: text(100).describe('Who owns this failure mode'),
    signals: signals.optional(),
  })
  .strict();

export const fmeaDocumentSchema = z
  .object({
    $schema: z.string().max(1000).optional(),
    id: id.describe('Unique among the FMEAs of one source, e.g. "database-storage"'),
    function: text(120).describe('The system function analysed, e.g. "Database storage"'),
    description: text(500).optional(),
    owner: text(100).optional().describe('Who owns this analysis'),
    ratingKey,
    observedOccurrence: occurrenceTableSchema
      .default({ windowDays: DEFAULT_OCCURRENCE_TABLE.windowDays, episodesFrom: [...DEFAULT_OCCURRENCE_TABLE.episodesFrom] })
      .describe('How occurrences seen in a window map onto the 1–10 occurrence scale (docs/fmea.md)'),
    modes: z
      .array(failureMode)
      .min(1)
      .max(200)
      .superRefine((modes, ctx) => {
        const seen = new Map<string, number>();
        modes.forEach((mode, index) => {
          const first = seen.get(mode.id);
          if (first === undefined) seen.set(mode.id, index);
          else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `this id is also the id of modes[${first}]; give each failure mode its own id` });
        });
      })
      .describe('The failure modes of this function'),
  })
  .strict();

export type FmeaDocument = z.infer<typeof fmeaDocumentSchema>;
export type FailureMode = FmeaDocument['modes'][number];
export type ModeSignals = z.infer<typeof signals>;
export type CheckSignal = ModeSignals['checks'][number];
export type SeriesSignal = ModeSignals['series'][number];
export type DeploySignal = ModeSignals['deploys'][number];
export type PreventativeAction = FailureMode['actions'][number];
export type RatingKey = FmeaDocument['ratingKey'];

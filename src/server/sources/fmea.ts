import { z } from 'zod';
import type { FmeaFile, FmeaReading } from '../readings/fmea.js';
import { describeProblems, examineFmeaFile, withError } from './fmea/fmea-file.js';
import { defineSourceKind } from './source-kind.js';

const options = z.object({
  files: z
    .array(z.string().min(1).max(1_000))
    .min(1)
    .max(50)
    .superRefine((files, ctx) => {
      files.forEach((file, index) => {
        if (files.indexOf(file) !== index) ctx.addIssue({ code: 'custom', path: [index], message: `"${file}" is listed twice; list each file once` });
      });
    })
    .describe('FMEA JSON files (config/fmea.schema.json), absolute or relative to the directory the server is started in, like every path in the config'),
  maxBytes: z
    .number()
    .int()
    .min(1_024)
    .max(16 * 1024 * 1024)
    .default(1024 * 1024)
    .describe('Largest FMEA file read, in bytes'),
});

/**
 * FMEA documents from files, re-read when they change: poll it often ("*\/5 * * * * *") and an edit
 * shows within seconds, while an unchanged file costs one stat. A broken edit (bad JSON, a rating of
 * 11, a hand-typed RPN) keeps the last good version on the wall with the problem beside it, named by
 * file and JSON path. A file that has never loaded (missing, broken from the start) fails the poll,
 * so the tile turns stale with the reason instead of showing a partial analysis as whole.
 */
export const fmeaSource = defineSourceKind({
  kind: 'fmea',
  description: 'FMEA documents (failure modes with severity, occurrence, detection and their RPN) read from JSON files, reloaded when they change.',
  produces: 'fmea',
  options,
  async poll(o, signal, context): Promise<FmeaReading> {
    const now = context.now();
    const previous = new Map((context.previous?.files ?? []).map((kept) => [kept.file, kept]));
    const examined: FmeaFile[] = [];
    const reasons: string[] = [];
    for (const file of o.files) {
      const result = await examineFmeaFile(file, previous.get(file) ?? null, { maxBytes: o.maxBytes, now, signal });
      if (result.ok) examined.push(result.state);
      else reasons.push(describeProblems(file, result.problems));
    }
    const files = withUniqueIds(examined, previous, reasons);
    if (reasons.length) throw new Error(reasons.join('; '));
    return { type: 'fmea', at: now, files };
  },
});

/**
 * Modes are known across files by document id + mode id, so two files may not share a document id.
 * An edit that gives a file the id another file already has is a broken edit like any other: the
 * versions loaded before keep their ids, and the edited file's previous version stays with the clash
 * as its error; with no version to keep, the clash is a reason the poll fails.
 */
function withUniqueIds(examined: readonly FmeaFile[], previous: ReadonlyMap<string, FmeaFile>, reasons: string[]): FmeaFile[] {
  const isNew = (state: FmeaFile) => state.document !== previous.get(state.file)?.document;
  const owners = new Map<string, string>();
  const accepted = new Map<string, FmeaFile>();
  // documents already shown claim their ids first, in file order; new versions after them
  for (const state of [...examined.filter((s) => !isNew(s)), ...examined.filter(isNew)]) {
    const owner = owners.get(state.document.id);
    if (owner === undefined) {
      owners.set(state.document.id, state.file);
      accepted.set(state.file, state);
      continue;
    }
    const clash = [{ path: '$.id', message: `document id "${state.document.id}" is also the id of ${owner}; give each FMEA its own id` }];
    const kept = previous.get(state.file);
    if (kept && isNew(state) && !owners.has(kept.document.id)) {
      owners.set(kept.document.id, state.file);
      accepted.set(state.file, withError(kept, state.seen, clash));
    } else {
      reasons.push(describeProblems(state.file, clash));
    }
  }
  return examined.flatMap((state) => accepted.get(state.file) ?? []);
}

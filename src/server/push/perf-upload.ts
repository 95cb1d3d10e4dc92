import { createHash } from 'node:crypto';
import { plainLine } from '../../shared/plain-text.js';
import type { PerfEvent } from '../../shared/pushed-events/perf.js';
import { PerfImportError } from '../perf/importers/import-error.js';
import type { ImportRun } from '../perf/importers/perf-run.js';
import { perfFormats, type PerfFormat } from '../perf/importers/perf-formats.js';

/**
 * The most bytes `POST /api/v1/perf/:format` reads per format: a little over what each importer
 * reads (autocannon 1 MB, k6 2 MB, JTL 64 MB), so an oversized file is refused before it is read.
 */
export const PERF_UPLOAD_BYTES: Readonly<Record<PerfFormat, number>> = {
  autocannon: 1024 * 1024,
  k6: 2 * 1024 * 1024,
  jtl: 64 * 1024 * 1024,
};

/** The content types each format is sent as. */
export const PERF_UPLOAD_TYPES: Readonly<Record<PerfFormat, readonly string[]>> = {
  autocannon: ['application/json'],
  k6: ['application/json'],
  jtl: ['text/csv', 'text/plain'],
};

/** Commits one upload may name in its query (a URL is no place for a long list: CI sources give more). */
export const MAX_QUERY_COMMITS = 20;

const PARAMETERS = ['revision', 'name', 'at', 'run', 'source', 'commit', 'newBaseline'] as const;
type Parameter = (typeof PARAMETERS)[number];

/** A perf event as an upload sends it on: routed to one source, keyed so a retried upload counts once. */
export type UploadedPerfEvent = PerfEvent & { id: string; source: string };

export type PerfUpload =
  | { ok: true; revision: string; events: UploadedPerfEvent[] }
  | { ok: false; status: 400 | 403; message: string };

/** Whom a token's upload goes to: the ids it may push to and the event kind each takes. */
export interface UploadAccess {
  allowed: readonly string[];
  eventKindOf(sourceId: string): string | undefined;
}

/**
 * A load tool's raw output for one revision → the `perf` events to push, each routed to the one
 * perf source the token may push to (`source` picks among several) and given an id derived from its
 * source, revision, metric and `run`, so the same upload sent twice (a CI retry) is counted once,
 * while a deliberate re-run of a revision (another `run`) replaces the earlier result. A query
 * parameter or file that cannot be used is a 400 naming the parameter, or the file's line or field.
 */
export function perfUpload(format: PerfFormat, body: string, query: unknown, access: UploadAccess): PerfUpload {
  const params = queryParams(query);
  if (!params.ok) return params;
  const target = targetSource(params.values.source, access);
  if (!target.ok) return target;
  const run = importRunOf(params.values);
  if (!run.ok) return run;
  let events: PerfEvent[];
  try {
    events = perfFormats[format](body, run.run);
  } catch (err) {
    if (!(err instanceof PerfImportError)) throw err;
    const where = err.field === 'revision' || err.field?.startsWith('commits') ? 'the query' : `the ${format} file`;
    return { ok: false, status: 400, message: `${where} cannot be imported: ${err.message}` };
  }
  const runKey = params.values.run ?? '';
  return {
    ok: true,
    revision: run.run.revision,
    events: events.map((event) => ({ ...event, source: target.source, id: perfEventId(target.source, event.revision, event.metric, runKey) })),
  };
}

/** The idempotency key of one metric's result for one revision (and run): printable, fixed length. */
export function perfEventId(source: string, revision: string, metric: string, run: string): string {
  return `perf-${createHash('sha256').update(JSON.stringify([source, revision, metric, run])).digest('hex').slice(0, 40)}`;
}

type Values = Partial<Record<Exclude<Parameter, 'commit'>, string>> & { commit: string[] };

function queryParams(query: unknown): { ok: true; values: Values } | { ok: false; status: 400; message: string } {
  const params = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const bad = (message: string) => ({ ok: false as const, status: 400 as const, message });
  const values: Values = { commit: [] };
  for (const [name, value] of Object.entries(params)) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      return bad(`unknown query parameter ${JSON.stringify(plainLine(name, 40))}; the parameters are ${PARAMETERS.join(', ')}`);
    }
    const list = Array.isArray(value) ? value : [value];
    if (!list.every((v): v is string => typeof v === 'string')) return bad(`${name}: expected text`);
    if (name === 'commit') {
      if (list.length > MAX_QUERY_COMMITS) return bad(`commit: ${list.length} given; at most ${MAX_QUERY_COMMITS} fit in a query (a CI source can give the rest: the trend tile's commitsFrom)`);
      values.commit = list;
    } else if (list.length !== 1) {
      return bad(`${name}: given ${list.length} times; give it once`);
    } else {
      values[name as Exclude<Parameter, 'commit'>] = list[0]!;
    }
  }
  if (values.revision === undefined || values.revision.trim() === '') {
    return bad('revision: missing; say which revision was tested, e.g. ?revision=3f2a9c1 (a commit id or build number)');
  }
  // the event would clip a longer one, and two clipped revisions could be taken for one
  if (values.revision.length > 100) return bad(`revision: ${values.revision.length} characters; at most 100 (a commit id or build number)`);
  if (values.run !== undefined && !/^[\x21-\x7e]{1,60}$/.test(values.run)) return bad('run: expected 1 to 60 printable characters without spaces, e.g. the CI attempt number');
  return { ok: true, values };
}

function targetSource(requested: string | undefined, access: UploadAccess): { ok: true; source: string } | { ok: false; status: 400 | 403; message: string } {
  const perfSources = access.allowed.filter((id) => access.eventKindOf(id) === 'perf');
  const list = (ids: readonly string[]) => ids.map((id) => `"${id}"`).join(', ');
  if (requested !== undefined) {
    if (perfSources.includes(requested)) return { ok: true, source: requested };
    const shown = JSON.stringify(plainLine(requested, 100));
    return { ok: false, status: 403, message: `source: this token may not push perf results to ${shown}; it may push them to ${list(perfSources) || 'no source'}` };
  }
  if (perfSources.length === 1) return { ok: true, source: perfSources[0]! };
  if (perfSources.length === 0) {
    return { ok: false, status: 403, message: `this token may push to ${list(access.allowed)}, and none of them takes perf results; send them with the token of a perf source (its tokensEnv)` };
  }
  return { ok: false, status: 400, message: `source: this token may push perf results to ${list(perfSources)}; name one with ?source=` };
}

function importRunOf(values: Values): { ok: true; run: ImportRun } | { ok: false; status: 400; message: string } {
  const bad = (message: string) => ({ ok: false as const, status: 400 as const, message });
  const run: ImportRun = { revision: values.revision! };
  if (values.name !== undefined) {
    const name = plainLine(values.name, 60);
    if (name === '') return bad('name: expected what the metrics are named after, e.g. ?name=checkout');
    run.name = name;
  }
  if (values.at !== undefined) {
    const at = /^\d+$/.test(values.at) ? Number(values.at) : /^\d{4}-\d\d-\d\dT/.test(values.at) ? Date.parse(values.at) : NaN;
    if (!Number.isFinite(at) || at < Date.UTC(2000, 0, 1) || at >= Date.UTC(3000, 0, 1)) {
      return bad('at: expected when the test ran, as epoch milliseconds or an ISO 8601 date-time with an offset (e.g. 2026-12-01T12:00:00Z)');
    }
    run.at = at;
  }
  if (values.newBaseline !== undefined) {
    if (values.newBaseline !== 'true' && values.newBaseline !== 'false') return bad('newBaseline: expected true (these results are the new normal) or false');
    if (values.newBaseline === 'true') run.newBaseline = true;
  }
  if (values.commit.length > 0) {
    const commits: NonNullable<ImportRun['commits']> = [];
    for (const [i, text] of values.commit.entries()) {
      // "id|author|message", as `git log --format='%h|%an|%s'` writes it; a message may hold "|" itself
      const [id = '', author, ...message] = text.split('|');
      if (id.trim() === '') return bad(`commit[${i}]: expected "id|author|message" (e.g. from git log --format='%h|%an|%s'), got no id`);
      commits.push({ id: id.trim(), ...(author?.trim() && { author: author.trim() }), ...(message.join('|').trim() && { message: message.join('|').trim() }) });
    }
    run.commits = commits;
  }
  return { ok: true, run };
}

import { parseArgs } from 'node:util';

export const PUSH_PERF_FORMATS = ['autocannon', 'k6', 'jtl'] as const;
export type PushPerfFormat = (typeof PUSH_PERF_FORMATS)[number];

export const DEFAULT_TOKEN_ENV = 'RADIATOR_PERF_TOKEN';

export const USAGE = `usage: npm run push-perf -- --format FORMAT --revision REV [options] FILE
  Posts a load tool's output for one revision to Radiator (POST /api/v1/perf/FORMAT), where a perf
  source keeps it and a trend tile judges it against the revisions before.
  --format FORMAT    autocannon (its --json output), k6 (--summary-export FILE) or jtl (JMeter CSV results)
  --revision REV     the revision tested: a commit id or build number
  FILE               the tool's output file; - reads standard input
  --url URL          Radiator's address (default $RADIATOR_URL, else http://localhost:8080)
  --token-env NAME   the environment variable holding the perf source's token (default ${DEFAULT_TOKEN_ENV})
  --name NAME        what the metrics are named after ("checkout" → "checkout p99 latency")
  --commit C         a commit the revision brought in, as "id|author|message" (repeatable;
                     e.g. --commit "$(git log -1 --format='%h|%an|%s')")
  --run ID           a deliberate re-run of the revision (e.g. the CI attempt): replaces its result;
                     without it, posting the same file again counts once
  --source ID        the perf source, when the token may push to several
  --at TIME          when the test ran (ISO 8601 with an offset, or epoch ms); default the file's time
  --new-baseline     these results are the new normal (an intended slowdown): they end a regression
                     on the wall, and later revisions are judged against them
exit status: 0 stored; 1 refused by Radiator (the file or the request is wrong: do not retry);
  2 usage error; 3 Radiator unreachable or failing (retry later: the same upload counts once)`;

export interface PushPerfOptions {
  format: PushPerfFormat;
  file: string;
  url: string;
  tokenEnv: string;
  /** The upload's query string, without the "?". */
  query: string;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Command line and environment → what to post where; throws a UsageError naming the flag and the fix. */
export function parsePushPerfOptions(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): PushPerfOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string' },
        revision: { type: 'string' },
        url: { type: 'string' },
        'token-env': { type: 'string' },
        name: { type: 'string' },
        commit: { type: 'string', multiple: true },
        run: { type: 'string' },
        source: { type: 'string' },
        at: { type: 'string' },
        'new-baseline': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const format = values.format;
  if (format === undefined) throw new UsageError(`--format: missing; one of ${PUSH_PERF_FORMATS.join(', ')}`);
  if (!(PUSH_PERF_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: "${format}" is not one of ${PUSH_PERF_FORMATS.join(', ')}`);
  if (values.revision === undefined || values.revision.trim() === '') throw new UsageError('--revision: missing; the revision tested (a commit id or build number)');
  if (positionals.length !== 1) {
    throw new UsageError(positionals.length === 0 ? 'FILE: missing; the load tool\'s output file (- for standard input)' : `FILE: one file per upload, got ${positionals.length}`);
  }
  const url = (values.url ?? env.RADIATOR_URL ?? 'http://localhost:8080').replace(/\/+$/, '');
  if (!/^https?:\/\//i.test(url) || !URL.canParse(url)) throw new UsageError(`--url: "${url}" is not an http:// or https:// address`);
  const tokenEnv = values['token-env'] ?? DEFAULT_TOKEN_ENV;
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(tokenEnv)) throw new UsageError(`--token-env: "${tokenEnv}" is not an environment variable name`);

  const query = new URLSearchParams({ revision: values.revision });
  for (const key of ['name', 'run', 'source', 'at'] as const) {
    const value = values[key];
    if (value !== undefined) query.set(key, value);
  }
  for (const commit of values.commit ?? []) query.append('commit', commit);
  if (values['new-baseline']) query.set('newBaseline', 'true');
  return { format: format as PushPerfFormat, file: positionals[0]!, url, tokenEnv, query: query.toString() };
}

/** How a file of each format is declared. */
export const CONTENT_TYPE: Readonly<Record<PushPerfFormat, string>> = {
  autocannon: 'application/json',
  k6: 'application/json',
  jtl: 'text/csv; charset=utf-8',
};

import { readFile } from 'node:fs/promises';
import { CONTENT_TYPE, parsePushPerfOptions, UsageError, USAGE, type PushPerfOptions } from './push-perf-options.js';

/** Exit statuses (USAGE says them to people). */
export const EXIT = { stored: 0, refused: 1, usage: 2, unavailable: 3 } as const;

/** A CI job's upload of one revision's results should not hang a pipeline. */
const TIMEOUT_MS = 60_000;

interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** `npm run push-perf -- …`: reads the file, posts it, says what happened; resolves to the exit status. */
export async function pushPerf(argv: readonly string[], env: Readonly<Record<string, string | undefined>>, io: Output, stdin: () => Promise<string>): Promise<number> {
  let options: PushPerfOptions | 'help';
  try {
    options = parsePushPerfOptions(argv, env);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    io.err(`push-perf: ${err.message}\n\n${USAGE}`);
    return EXIT.usage;
  }
  if (options === 'help') {
    io.out(USAGE);
    return EXIT.stored;
  }
  const token = env[options.tokenEnv]?.split(/[\s,]+/).find((t) => t !== '');
  if (token === undefined) {
    io.err(`push-perf: ${options.tokenEnv} is not set; set it to the perf source's token (the variable its tokensEnv names on the server), or name another with --token-env`);
    return EXIT.usage;
  }
  let body: string;
  try {
    body = options.file === '-' ? await stdin() : await readFile(options.file, 'utf8');
  } catch (err) {
    io.err(`push-perf: cannot read ${options.file}: ${(err as Error).message}`);
    return EXIT.usage;
  }

  const target = `${options.url}/api/v1/perf/${options.format}?${options.query}`;
  let response: Response;
  try {
    response = await fetch(target, {
      method: 'POST',
      headers: { 'content-type': CONTENT_TYPE[options.format], authorization: `Bearer ${token}` },
      body,
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause?.message ?? (err as Error).message;
    io.err(`push-perf: cannot reach Radiator at ${options.url}: ${cause}; retry later (the same upload counts once)`);
    return EXIT.unavailable;
  }
  const text = await response.text();
  const answer = parseAnswer(text);
  if (response.status === 202 && answer !== null) {
    const { revision, accepted, duplicates, metrics } = answer as { revision?: string; accepted?: number; duplicates?: number; metrics?: string[] };
    const repeated = duplicates ? `, ${duplicates} already there` : '';
    io.out(`push-perf: stored ${accepted ?? 0} results for revision ${revision}${repeated}: ${(metrics ?? []).join(', ')}`);
    return EXIT.stored;
  }
  const error = typeof (answer as { error?: unknown } | null)?.error === 'string' ? (answer as { error: string }).error : text.slice(0, 500) || '(no body)';
  const retryAfter = response.headers.get('retry-after');
  io.err(`push-perf: Radiator answered ${response.status}: ${error}${retryAfter ? ` (retry after ${retryAfter} s)` : ''}`);
  return response.status >= 500 || response.status === 429 || response.status === 408 ? EXIT.unavailable : EXIT.refused;
}

function parseAnswer(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parsePushPerfOptions, UsageError } from '../../src/cli/push-perf-options.js';
import type { PerfReading } from '../../src/server/readings/perf.js';
import { startTestServer, type StartedServer } from '../helpers/test-server.js';

const TOKEN = 'perf-token-0123456789abcdef';
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/perf/${name}`, import.meta.url));
const CLI = fileURLToPath(new URL('../../src/cli/push-perf.ts', import.meta.url));

/** The CLI as CI runs it: its own process, its exit status and what it printed. */
function pushPerf(args: string[], env: Record<string, string> = {}): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      resolve({ status: err ? Number((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

let app: StartedServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function startPerfServer(): Promise<StartedServer> {
  return startTestServer(
    {
      sources: { perf: { type: 'perf', tokensEnv: 'PERF_TOKENS' } },
      boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'utc', widget: 'clock', x: 0, y: 0 }] } },
    },
    { env: { PERF_TOKENS: TOKEN } },
  );
}

describe('npm run push-perf', () => {
  it('posts a k6 summary for the revision and says what was stored (exit 0)', async () => {
    app = await startPerfServer();
    const run = await pushPerf(['--format', 'k6', '--revision', 'abc', '--url', app.url, '--commit', 'abc|Dana|Add the order index', fixture('k6-summary-export.json')], { RADIATOR_PERF_TOKEN: TOKEN });
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect(run.stdout.trim()).toBe('push-perf: stored 6 results for revision abc: http p50 latency, http p90 latency, http p95 latency, http requests/s, http errors, http failed checks');
    const reading = app.server.store.reading('perf') as PerfReading;
    expect(reading.revisions).toEqual([expect.objectContaining({ revision: 'abc', commits: [{ id: 'abc', author: 'Dana', message: 'Add the order index' }] })]);

    const again = await pushPerf(['--format', 'k6', '--revision', 'abc', '--url', app.url, '--token-env', 'CI_PERF', fixture('k6-summary-export.json')], { CI_PERF: TOKEN });
    expect(again.stdout).toContain('stored 0 results for revision abc, 6 already there');
  });

  it('exits 1 with the server\'s reason when the file is malformed', async () => {
    app = await startPerfServer();
    const run = await pushPerf(['--format', 'jtl', '--revision', 'r1', '--url', app.url, fixture('jmeter-malformed.jtl')], { RADIATOR_PERF_TOKEN: TOKEN });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe('push-perf: Radiator answered 400: the jtl file cannot be imported: line 14: elapsed: expected a number, got "abc"');
    const wrongToken = await pushPerf(['--format', 'jtl', '--revision', 'r1', '--url', app.url, fixture('jmeter-results.jtl')], { RADIATOR_PERF_TOKEN: 'not-the-token-0123456789' });
    expect(wrongToken.status).toBe(1);
    expect(wrongToken.stderr).toContain('Radiator answered 401');
  });

  it('exits 2 on a usage error and 3 when Radiator cannot be reached', async () => {
    const noToken = await pushPerf(['--format', 'k6', '--revision', 'r1', fixture('k6-summary-export.json')]);
    expect(noToken.status).toBe(2);
    expect(noToken.stderr.trim()).toMatch(/^push-perf: RADIATOR_PERF_TOKEN is not set; set it to the perf source's token/);
    const missing = await pushPerf(['--format', 'k6', '--revision', 'r1', '/nonexistent/summary.json'], { RADIATOR_PERF_TOKEN: TOKEN });
    expect(missing).toMatchObject({ status: 2, stderr: expect.stringContaining('cannot read /nonexistent/summary.json') });

    // a port nobody listens on: the OS gave it, and it was let go
    const closedPort = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const down = await pushPerf(['--format', 'k6', '--revision', 'r1', '--url', `http://127.0.0.1:${closedPort}`, fixture('k6-summary-export.json')], { RADIATOR_PERF_TOKEN: TOKEN });
    expect(down.status).toBe(3);
    expect(down.stderr).toMatch(/cannot reach Radiator at http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED.*; retry later/);
  });
});

describe('push-perf options', () => {
  const parse = (args: string[], env: Record<string, string> = {}) => parsePushPerfOptions(args, env);
  const problem = (args: string[]) => {
    try {
      parse(args);
    } catch (err) {
      if (err instanceof UsageError) return err.message;
    }
    return null;
  };

  it('builds the upload\'s query from the flags, $RADIATOR_URL as the default address', () => {
    expect(parse(['--format', 'jtl', '--revision', 'b-12', '--commit', 'c1|Al|x', '--commit', 'c2', '--run', '2', 'out.jtl'], { RADIATOR_URL: 'https://wall.example.com/' })).toEqual({
      format: 'jtl',
      file: 'out.jtl',
      url: 'https://wall.example.com',
      tokenEnv: 'RADIATOR_PERF_TOKEN',
      query: 'revision=b-12&run=2&commit=c1%7CAl%7Cx&commit=c2',
    });
    expect(parse(['--format', 'k6', '--revision', 'r9', '--new-baseline', 'summary.json'], {})).toMatchObject({ query: 'revision=r9&newBaseline=true' });
  });

  it('names the flag and the fix', () => {
    expect(problem(['--revision', 'r', 'f'])).toBe('--format: missing; one of autocannon, k6, jtl');
    expect(problem(['--format', 'gatling', '--revision', 'r', 'f'])).toBe('--format: "gatling" is not one of autocannon, k6, jtl');
    expect(problem(['--format', 'k6', 'f'])).toBe('--revision: missing; the revision tested (a commit id or build number)');
    expect(problem(['--format', 'k6', '--revision', 'r'])).toBe("FILE: missing; the load tool's output file (- for standard input)");
    expect(problem(['--format', 'k6', '--revision', 'r', '--url', 'ftp://x', 'f'])).toBe('--url: "ftp://x" is not an http:// or https:// address');
    expect(problem(['--format', 'k6', '--revision', 'r', '--verbose', 'f'])).toMatch(/Unknown option '--verbose'/);
  });
});

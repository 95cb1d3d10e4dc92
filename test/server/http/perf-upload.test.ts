import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { PerfReading } from '../../../src/server/readings/perf.js';
import { startTestServer, type StartedServer } from '../../helpers/test-server.js';

const PERF_TOKEN = 'perf-token-0123456789abcdef';
const NOTES_TOKEN = 'notes-token-0123456789abcdef';
const ENV = { PERF_TOKENS: PERF_TOKEN, NOTES_TOKENS: NOTES_TOKEN };

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/perf/${name}`, import.meta.url), 'utf8');

const config = (sources: Record<string, unknown> = {}) => ({
  sources: { perf: { type: 'perf', tokensEnv: 'PERF_TOKENS' }, notes: { type: 'notes', tokensEnv: 'NOTES_TOKENS' }, ...sources },
  boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'utc', widget: 'clock', x: 0, y: 0 }] } },
});

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- what the server sent, checked by each test
}

async function upload(app: StartedServer, path: string, body: string, { token = PERF_TOKEN as string | null, type = 'application/json' as string | null } = {}): Promise<Answer> {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    body,
    headers: { ...(type !== null && { 'content-type': type }), ...(token !== null && { authorization: `Bearer ${token}` }) },
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
}

const perfReading = (app: StartedServer) => app.server.store.reading('perf') as PerfReading | null;

let app: StartedServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('POST /api/v1/perf/:format', () => {
  it('imports a k6 summary for the revision and answers 202 once the events are stored', async () => {
    app = await startTestServer(config(), { env: ENV });
    const answer = await upload(app, '/api/v1/perf/k6?revision=3f2a9c1&commit=3f2a9c1|Dana|Add the order index', fixture('k6-summary-export.json'));
    expect(answer.status).toBe(202);
    expect(answer.body).toMatchObject({ format: 'k6', revision: '3f2a9c1', accepted: 6, duplicates: 0 });
    expect(answer.body.metrics).toEqual(['http p50 latency', 'http p90 latency', 'http p95 latency', 'http requests/s', 'http errors', 'http failed checks']);
    const reading = perfReading(app)!;
    expect(reading.revisions).toEqual([expect.objectContaining({ revision: '3f2a9c1', commits: [{ id: '3f2a9c1', author: 'Dana', message: 'Add the order index' }] })]);
    expect(reading.series.find((s) => s.metric === 'http p95 latency')!.results[0]).toMatchObject({ value: 85.1098512, layers: expect.objectContaining({ waiting: expect.any(Number) }) });
  });

  it('counts a retried upload once, and a re-run (another ?run=) replaces the result', async () => {
    app = await startTestServer(config(), { env: ENV });
    const file = fixture('autocannon-result.json');
    const first = await upload(app, '/api/v1/perf/autocannon?revision=r7&name=checkout', file);
    expect(first.status).toBe(202);
    const retried = await upload(app, '/api/v1/perf/autocannon?revision=r7&name=checkout', file);
    expect(retried.body).toMatchObject({ accepted: 0, duplicates: first.body.accepted });
    expect(retried.body.events.map((e: { key: string }) => e.key)).toEqual(first.body.events.map((e: { key: string }) => e.key));

    const rerun = JSON.parse(file);
    rerun.latency.p99 = 999;
    const again = await upload(app, '/api/v1/perf/autocannon?revision=r7&name=checkout&run=2', JSON.stringify(rerun));
    expect(again.body).toMatchObject({ accepted: first.body.accepted, duplicates: 0 });
    const reading = perfReading(app)!;
    expect(reading.revisions.map((r) => r.revision)).toEqual(['r7']);
    expect(reading.series.find((s) => s.metric === 'checkout p99 latency')!.results).toEqual([expect.objectContaining({ value: 999 })]);
  });

  it('marks an upload sent with ?newBaseline=true as the new normal for every metric it brings', async () => {
    app = await startTestServer(config(), { env: ENV });
    const file = fixture('autocannon-result.json');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1', file)).status).toBe(202);
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r2&newBaseline=true', file)).status).toBe(202);
    const series = perfReading(app)!.series;
    expect(series.length).toBeGreaterThan(0);
    for (const s of series) expect(s.results.map((r) => r.newBaseline ?? false)).toEqual([false, true]);
  });

  it('imports a JMeter JTL sent as CSV', async () => {
    app = await startTestServer(config(), { env: ENV });
    const answer = await upload(app, '/api/v1/perf/jtl?revision=build-412', fixture('jmeter-results.jtl'), { type: 'text/csv; charset=utf-8' });
    expect(answer.status).toBe(202);
    expect(answer.body.metrics).toContain('overall p95 latency');
    expect(perfReading(app)!.revisions.map((r) => r.revision)).toEqual(['build-412']);
  });

  it('refuses a malformed file with 400 naming the line or field, and stores nothing', async () => {
    app = await startTestServer(config(), { env: ENV });
    const jtl = await upload(app, '/api/v1/perf/jtl?revision=r1', fixture('jmeter-malformed.jtl'), { type: 'text/csv' });
    expect(jtl).toMatchObject({ status: 400, body: { error: 'the jtl file cannot be imported: line 14: elapsed: expected a number, got "abc"' } });

    const k6 = JSON.parse(fixture('k6-summary-export.json'));
    k6.metrics.http_reqs.rate = 'fast';
    expect((await upload(app, '/api/v1/perf/k6?revision=r1', JSON.stringify(k6))).body.error).toBe('the k6 file cannot be imported: metrics.http_reqs.rate: expected a number, got "fast"');

    const broken = await upload(app, '/api/v1/perf/autocannon?revision=r1', '{\n  "latency": {\n    "p50": 3,,\n');
    expect(broken.status).toBe(400);
    expect(broken.body.error).toMatch(/^the autocannon file cannot be imported: line 3: column \d+: not valid JSON/);
    expect(perfReading(app)).toBeNull();
  });

  it('says what is wrong with the request before reading the file', async () => {
    app = await startTestServer(config(), { env: ENV });
    const file = fixture('autocannon-result.json');
    const noToken = await upload(app, '/api/v1/perf/autocannon?revision=r1', file, { token: null });
    expect(noToken.status).toBe(401);
    expect(noToken.headers.get('www-authenticate')).toBe('Bearer realm="radiator"');
    expect(await upload(app, '/api/v1/perf/autocannon?revision=r1', file, { type: 'text/plain' })).toMatchObject({
      status: 415,
      body: { error: 'send the autocannon file as it was written with "Content-Type: application/json" (got "text/plain")' },
    });
    expect((await upload(app, '/api/v1/perf/jtl?revision=r1', 'timeStamp,elapsed', { type: 'application/json' })).status).toBe(415);
    expect(await upload(app, '/api/v1/perf/gatling?revision=r1', file)).toMatchObject({
      status: 404,
      body: { error: 'no perf format at /api/v1/perf/gatling; the formats are autocannon, k6, jtl (POST /api/v1/perf/k6?revision=…)' },
    });
    expect((await upload(app, '/api/v1/perf/autocannon', file)).body.error).toBe('revision: missing; say which revision was tested, e.g. ?revision=3f2a9c1 (a commit id or build number)');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1&revision=r2', file)).body.error).toBe('revision: given 2 times; give it once');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1&branch=main', file)).body.error).toBe('unknown query parameter "branch"; the parameters are revision, name, at, run, source, commit, newBaseline');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1&newBaseline=yes', file)).body.error).toBe('newBaseline: expected true (these results are the new normal) or false');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1&commit=|Dana|x', file)).body.error).toBe(
      'commit[0]: expected "id|author|message" (e.g. from git log --format=\'%h|%an|%s\'), got no id',
    );
    expect((await upload(app, `/api/v1/perf/autocannon?revision=${'x'.repeat(101)}`, file)).body.error).toBe('revision: 101 characters; at most 100 (a commit id or build number)');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=%E2%80%AE%1B', file)).body.error).toBe('the query cannot be imported: revision: expected text with at least one visible character');
    expect(await upload(app, '/api/v1/perf/autocannon?revision=r1', file, { token: NOTES_TOKEN })).toMatchObject({
      status: 403,
      body: { error: 'this token may push to "notes", and none of them takes perf results; send them with the token of a perf source (its tokensEnv)' },
    });
    const method = await fetch(`${app.url}/api/v1/perf/k6`, { method: 'PUT', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('POST');
    expect(perfReading(app)).toBeNull();
  });

  it('refuses an upload over its format\'s limit with 413 before storing anything', async () => {
    app = await startTestServer(config(), { env: ENV });
    const huge = JSON.stringify({ padding: 'x'.repeat(1_100_000) });
    expect(await upload(app, '/api/v1/perf/autocannon?revision=r1', huge)).toMatchObject({
      status: 413,
      body: { error: 'the autocannon file is over the 1,048,576 bytes this server reads for that format: post a shorter run, or aggregate it first' },
    });
    // the same bytes are within what a k6 summary may be
    expect((await upload(app, '/api/v1/perf/k6?revision=r1', huge)).body.error).toBe('the k6 file cannot be imported: metrics: expected an object, got nothing');
  });

  it('routes to the perf source ?source= names when the token may push to several', async () => {
    app = await startTestServer(config({ nightly: { type: 'perf', tokensEnv: 'PERF_TOKENS' } }), { env: ENV });
    const file = fixture('autocannon-result.json');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1', file)).body.error).toBe('source: this token may push perf results to "perf", "nightly"; name one with ?source=');
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1&source=notes', file)).status).toBe(403);
    expect((await upload(app, '/api/v1/perf/autocannon?revision=r1&source=nightly', file)).status).toBe(202);
    expect(app.server.store.reading('nightly')).toMatchObject({ type: 'perf', revisions: [expect.objectContaining({ revision: 'r1' })] });
    expect(perfReading(app)).toBeNull();
  });
});

import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpSource } from '../../../src/server/sources/http.js';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';

let server: http.Server;
let base = '';
/** Another origin (another port), which records the headers of what reaches it. */
let other: http.Server;
let otherBase = '';
const reachedOther: http.IncomingHttpHeaders[] = [];
beforeAll(async () => {
  other = http.createServer((req, res) => {
    reachedOther.push(req.headers);
    res.end('elsewhere');
  });
  await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
  otherBase = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
  server = http.createServer((req, res) => {
    req.url = new URL(req.url!, 'http://probe').pathname;
    const redirect = (status: number, location: string) => void res.writeHead(status, { location }).end();
    if (req.url === '/loop') return redirect(301, '/loop');
    if (req.url === '/ping-pong') return redirect(302, '/pong-ping');
    if (req.url === '/pong-ping') return redirect(307, `${base}/ping-pong`);
    const chain = /^\/chain\/(\d+)$/.exec(req.url);
    if (chain) return Number(chain[1]) > 0 ? redirect(302, `/chain/${Number(chain[1]) - 1}`) : void res.end('arrived');
    if (req.url === '/to-auth') return redirect(301, '/auth');
    if (req.url === '/to-other') return redirect(302, `${otherBase}/landing`);
    if (req.url === '/moved') return redirect(301, '/');
    if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2_000);
    if (req.url === '/down') return void res.writeHead(503).end('maintenance');
    if (req.url === '/key') return void res.writeHead(req.headers['x-api-key'] === 'k3y' ? 200 : 401).end();
    if (req.url === '/auth') return void res.writeHead(req.headers.authorization === 'Bearer s3cret' ? 200 : 401).end();
    res.end('ok');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  other.closeAllConnections();
  other.close();
});

const poll = (options: unknown, signal: AbortSignal, env: Record<string, string> = {}) =>
  httpSource.poll(httpSource.options.parse(options), signal ?? AbortSignal.timeout(10_000), { previous: null, env, now: Date.now, deadline: Date.now() + 10_000 }) as Promise<MetricsReading>;

describe('http source', () => {
  it('measures response time and flags non-2xx/3xx answers', async () => {
    const r = await poll({ targets: [{ name: 'home', url: `${base}/` }, { name: 'down', url: `${base}/down` }] }, AbortSignal.timeout(5_000));
    expect(r.type).toBe('metrics');
    const [home, down] = r.samples;
    expect(home).toMatchObject({ series: 'home', unit: 'ms', error: null, httpStatus: 200 });
    expect(home!.value).toBeGreaterThan(0);
    expect(down).toMatchObject({ series: 'down', error: 'HTTP 503', httpStatus: 503 });
    expect(down!.value).toBeGreaterThan(0);
  });

  it('accepts listed status codes as up', async () => {
    const r = await poll({ targets: [{ url: `${base}/down?token=abc`, expectStatus: [503] }] }, AbortSignal.timeout(5_000));
    // an unnamed target is named by its URL without the query string, which may carry a token
    expect(r.samples[0]).toMatchObject({ series: `${base}/down`, error: null });
  });

  it('sends a bearer token from the named environment variable, and says when it is missing', async () => {
    const target = { targets: [{ name: 'auth', url: `${base}/auth`, tokenEnv: 'PROBE_TOKEN' }, { name: 'home', url: `${base}/` }] };
    expect((await poll(target, AbortSignal.timeout(5_000), { PROBE_TOKEN: 's3cret' })).samples[0]!.error).toBeNull();
    expect((await poll(target, AbortSignal.timeout(5_000), {})).samples[0]!.error).toBe('environment variable PROBE_TOKEN is not set');
  });

  it('sends secret headers from the environment (headersEnv) and refuses them in the file', async () => {
    const target = { targets: [{ name: 'key', url: `${base}/key`, headersEnv: { 'X-Api-Key': 'PROBE_KEY' } }] };
    expect((await poll(target, AbortSignal.timeout(5_000), { PROBE_KEY: 'k3y' })).samples[0]!.error).toBeNull();
    expect((await poll(target, AbortSignal.timeout(5_000), { PROBE_KEY: 'wrong' })).samples[0]!.error).toBe('HTTP 401');
    const inFile = httpSource.options.safeParse({ targets: [{ url: `${base}/`, headers: { Authorization: 'Bearer s3cret' } }] });
    expect(inFile.error?.issues[0]?.message).toContain('headersEnv');
    const withUser = httpSource.options.safeParse({ targets: [{ url: 'http://admin:hunter2@127.0.0.1/' }] });
    expect(withUser.error?.issues[0]?.message).toContain('credentials do not belong in the URL');
    expect(httpSource.options.safeParse({ targets: [{ url: `${base}/`, headers: { Accept: 'text/plain' } }] }).success).toBe(true);
  });

  it('follows redirects, and times the whole chain', async () => {
    const r = await poll({ targets: [{ name: 'chain', url: `${base}/chain/5` }] }, AbortSignal.timeout(5_000));
    expect(r.samples[0]).toMatchObject({ error: null, httpStatus: 200 });
    expect(r.samples[0]!.value).toBeGreaterThan(0);
  });

  it('makes a redirect loop and too many redirects errors, never an OK probe', async () => {
    // before: the 301 itself was the answer, and counted as up
    await expect(poll({ targets: [{ url: `${base}/loop` }] }, AbortSignal.timeout(5_000))).rejects.toThrow(
      `redirect loop: ${base}/loop redirects (HTTP 301) back to ${base}/loop`,
    );
    await expect(poll({ targets: [{ url: `${base}/ping-pong` }] }, AbortSignal.timeout(5_000))).rejects.toThrow(
      `redirect loop: ${base}/pong-ping redirects (HTTP 307) back to ${base}/ping-pong`,
    );
    const partial = await poll({ targets: [{ name: 'far', url: `${base}/chain/6` }, { name: 'near', url: `${base}/chain/5` }] }, AbortSignal.timeout(5_000));
    expect(partial.samples[0]).toMatchObject({ value: null, error: `too many redirects: more than 5 from ${base}/chain/6 (the last to ${base}/chain/0)` });
    expect(partial.samples[1]).toMatchObject({ error: null, httpStatus: 200 });
    expect((await poll({ targets: [{ url: `${base}/chain/6`, maxRedirects: 6 }] }, AbortSignal.timeout(5_000))).samples[0]).toMatchObject({ error: null });
  });

  it('probes the redirect itself with maxRedirects 0', async () => {
    const r = await poll({ targets: [{ name: 'moved', url: `${base}/moved`, maxRedirects: 0, expectStatus: [301] }] }, AbortSignal.timeout(5_000));
    expect(r.samples[0]).toMatchObject({ error: null, httpStatus: 301 });
  });

  it('sends credentials after a redirect on the same origin, never to another origin', async () => {
    const same = await poll({ targets: [{ name: 'auth', url: `${base}/to-auth`, tokenEnv: 'PROBE_TOKEN' }] }, AbortSignal.timeout(5_000), { PROBE_TOKEN: 's3cret' });
    expect(same.samples[0]).toMatchObject({ error: null, httpStatus: 200 });
    reachedOther.length = 0;
    const target = { name: 'away', url: `${base}/to-other`, tokenEnv: 'PROBE_TOKEN', headersEnv: { 'X-Api-Key': 'PROBE_KEY' }, headers: { 'X-Trace': 'radiator' } };
    const away = await poll({ targets: [target] }, AbortSignal.timeout(5_000), { PROBE_TOKEN: 's3cret', PROBE_KEY: 'k3y' });
    expect(away.samples[0]).toMatchObject({ error: null, httpStatus: 200 });
    expect(reachedOther).toHaveLength(1);
    expect(reachedOther[0]).not.toHaveProperty('authorization');
    expect(reachedOther[0]).not.toHaveProperty('x-api-key');
    expect(reachedOther[0]).toMatchObject({ 'x-trace': 'radiator' });
  });

  it('reports a refused connection per target, and fails the poll when no target answers', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const partial = await poll({ targets: [{ name: 'gone', url: `http://127.0.0.1:${port}/` }, { name: 'home', url: `${base}/` }] }, AbortSignal.timeout(5_000));
    expect(partial.samples[0]).toMatchObject({ value: null, error: `connection refused by 127.0.0.1:${port}` });
    await expect(poll({ targets: [{ url: `http://127.0.0.1:${port}/` }] }, AbortSignal.timeout(5_000))).rejects.toThrow(`connection refused by 127.0.0.1:${port}`);
  });

  it('stops at the abort signal with its reason', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('timed out after 200 ms')), 200);
    await expect(poll({ targets: [{ url: `${base}/slow` }] }, controller.signal)).rejects.toThrow(/timed out after 200 ms/);
  });

  const openssl = ['/usr/bin/openssl'].find(existsSync);
  // skipped only because openssl is needed to make a self-signed certificate
  describe.skipIf(!openssl)('TLS (skipped when openssl is absent, because the test makes its own certificate)', () => {
    let tls: https.Server;
    let url = '';
    beforeAll(async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'radiator-tls-'));
      execFileSync(openssl!, ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', `${dir}/key.pem`, '-out', `${dir}/cert.pem`], { stdio: 'ignore' });
      tls = https.createServer({ key: readFileSync(`${dir}/key.pem`), cert: readFileSync(`${dir}/cert.pem`) }, (_req, res) => res.end('secure'));
      await new Promise<void>((r) => tls.listen(0, '127.0.0.1', r));
      url = `https://127.0.0.1:${(tls.address() as AddressInfo).port}/`;
    });
    afterAll(() => tls.close());

    it('reports an untrusted certificate as a TLS error, and accepts it with insecureTls', async () => {
      await expect(poll({ targets: [{ url }] }, AbortSignal.timeout(5_000))).rejects.toThrow(/TLS error from 127\.0\.0\.1:\d+: self.signed certificate/);
      const ok = await poll({ targets: [{ url }], insecureTls: true }, AbortSignal.timeout(5_000));
      expect(ok.samples[0]).toMatchObject({ error: null });
    });
  });
});

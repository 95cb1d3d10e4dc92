import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot } from '../../../src/shared/board.js';
import { capturingLogger } from '../../helpers/test-logger.js';
import { getJson, startTestServer, waitFor, type StartedServer } from '../../helpers/test-server.js';

/** A password with every character class that changes under encoding: space, slash, &, =, +, non-ASCII. */
const PASSWORD = 'S3cr3t pa55/wörd&x=1+2';
const USER = 'radiator';
const BASIC = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');
/** Every form of the password that must never reach a display, /healthz, the log or the stored state. */
const LEAKS = [
  PASSWORD,
  'S3cr3t pa55',
  BASIC,
  BASIC.replace(/=+$/, ''),
  BASIC.slice(0, 16),
  Buffer.from(PASSWORD).toString('base64'),
  encodeURIComponent(PASSWORD),
  new URLSearchParams({ p: PASSWORD }).toString().slice(2),
];

/**
 * An upstream that echoes the credentials it was sent, in one form per path, in a 500 body, an HTML
 * <title> or a JSON error, as misconfigured proxies and debug pages do.
 */
let upstream: http.Server;
let base = '';
beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const authorization = req.headers.authorization ?? '(none)';
    const password = Buffer.from(authorization.replace(/^Basic /, ''), 'base64').toString('utf8').split(':').slice(1).join(':');
    const form = req.url!.split('/')[1];
    const echo: Record<string, string> = {
      basic: authorization,
      plain: password,
      uri: `/login?user=${USER}&pw=${encodeURIComponent(password)}`,
      form: new URLSearchParams({ user: USER, password }).toString(),
      b64: Buffer.from(password).toString('base64'),
    };
    if (form === 'title') return void res.writeHead(500, { 'content-type': 'text/html' }).end(`<html><head><title>Denied: ${authorization}</title></head></html>`);
    if (form === 'html-200') return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>Welcome ${password}</title></head></html>`);
    if (form === 'icinga') return void res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 500, status: `you sent ${authorization}` }));
    if (form === 'not-json') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(`${password} is not JSON`);
    res.writeHead(500, { 'content-type': 'text/plain' }).end(`Internal Server Error: you sent ${echo[form ?? ''] ?? authorization}`);
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
});
afterAll(() => {
  upstream.closeAllConnections();
  upstream.close();
});

const FORMS = ['basic', 'plain', 'uri', 'form', 'b64', 'title', 'html-200', 'not-json'];

function config() {
  const nagios = (form: string) => ({
    type: 'nagios',
    schedule: '*/2 * * * * *',
    url: `${base}/${form}/nagios4/cgi-bin`,
    username: USER,
    passwordEnv: 'NAGIOS_PW',
    groups: false,
  });
  const sources: Record<string, unknown> = Object.fromEntries(FORMS.map((form) => [form, nagios(form)]));
  sources.icinga = { type: 'icinga2', schedule: '*/2 * * * * *', url: `${base}/icinga`, username: USER, passwordEnv: 'NAGIOS_PW' };
  const ids = [...FORMS, 'icinga'];
  return {
    sources,
    boards: {
      wall: {
        title: 'Wall',
        columns: ids.length,
        rows: 1,
        tiles: ids.map((id, x) => ({ id, widget: 'alerts', source: id, x, y: 0 })),
      },
    },
  };
}

describe('credentials echoed by an upstream (issue 8, item 4)', () => {
  let app: StartedServer;
  const logger = capturingLogger();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'radiator-secrets-'));
  beforeAll(async () => {
    app = await startTestServer(config(), { env: { NAGIOS_PW: PASSWORD }, logger, dataDir });
  });
  afterAll(() => app?.close());

  it('never reach the board API, /healthz, the log or the stored state, in any form', async () => {
    // every tile has failed at least once, with the upstream's words in its reason
    const snapshot = await waitFor(async () => {
      const { body } = await getJson<BoardSnapshot>(`${app.url}/api/v1/boards/wall`);
      return body.views.every((v) => v.reason && !v.reason.startsWith('waiting for the first poll')) ? body : null;
    }, 'every tile to show its failed poll');
    const board = JSON.stringify(snapshot);
    const healthz = JSON.stringify((await getJson(`${app.url}/healthz`)).body);
    // what was kept: every byte of the database and its write-ahead log, once the polls are committed
    await waitFor(async () => (await getJson<{ persistence: { lastSavedAt: string | null } }>(`${app.url}/healthz`)).body.persistence.lastSavedAt, 'a committed write');
    const state = readdirSync(dataDir).map((name) => readFileSync(path.join(dataDir, name)).toString('latin1')).join('\n');
    // the messages as written, and every field of every JSON line
    const log = [...logger.lines, ...logger.records].join('\n');

    const reasons = Object.fromEntries(snapshot.views.map((v) => [v.id, v.reason]));
    // the reasons still say what happened, with the secret cut out
    expect(reasons.basic).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+\/basic\/nagios4\/cgi-bin\/statusjson\.cgi: Internal Server Error: you sent Basic \[redacted\]$/);
    expect(reasons.plain).toMatch(/: Internal Server Error: you sent \[redacted\]$/);
    expect(reasons.uri).toMatch(/you sent \/login\?user=radiator&pw=\[redacted\]$/);
    expect(reasons.form).toMatch(/you sent user=radiator&password=\[redacted\]$/);
    expect(reasons.b64).toMatch(/you sent \[redacted\]$/);
    expect(reasons.title).toMatch(/: Denied: Basic \[redacted\]$/);
    expect(reasons['html-200']).toMatch(/got HTML \("Welcome \[redacted\]"\)/);
    expect(reasons['not-json']).toMatch(/invalid JSON from .* \(starts with "\[redacted\] is not JSON"\)$/);
    expect(reasons.icinga).toMatch(/you sent Basic \[redacted\]/);

    for (const leak of LEAKS) {
      expect(board).not.toContain(leak);
      expect(healthz).not.toContain(leak);
      expect(log).not.toContain(leak);
      expect(state).not.toContain(leak);
    }
    expect(log).toContain('[redacted]');
    // the kept state holds the reasons, with the secret cut out (so the checks above looked at something)
    expect(state).toContain('[redacted]');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { icinga2Source } from '../../../src/server/sources/icinga2.js';
import { nagiosSource } from '../../../src/server/sources/nagios.js';

const samples = new URL('../../upstreams/samples/', import.meta.url);
const sampleText = (name: string) => readFileSync(new URL(name, samples), 'utf8');
/** The body of a captured raw HTTP answer (.http sample). */
const sampleBody = (name: string) => sampleText(name).split(/\r?\n\r?\n/).slice(1).join('\n\n');

/**
 * One local server, one behaviour per path prefix: /<behaviour>/cgi-bin/statusjson.cgi?…
 * Real sample bodies where they exist, so the adapter meets what Nagios and Icinga really send.
 */
const ANSI_TEXT = '\u001b[31;1mERROR\u001b[0m: backend \u001b]0;pwned\u0007down\u0000 \u202eslaer\u202c\r\n\tretry later';
/** What ANSI_TEXT must read as on the wall. */
const ANSI_CLEAN = 'ERROR: backend down slaer retry later';

let server: http.Server;
let base = '';
let bigBodyBytesSent = 0;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const [, behaviour] = url.pathname.split('/');
    const query = url.searchParams.get('query') ?? '';
    const json = (body: string, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
    switch (behaviour) {
      case 'ok': {
        const file = {
          programstatus: 'statusjson-programstatus.json',
          hostlist: 'statusjson-hostlist-details.json',
          servicelist: 'statusjson-servicelist-details.json',
          commentlist: 'statusjson-commentlist-details.json',
          downtimelist: 'statusjson-downtimelist-details.json',
        }[query];
        if (url.pathname.endsWith('objectjson.cgi')) return json(JSON.stringify({ result: { type_code: 0 }, data: { hostgrouplist: {}, servicegrouplist: {} } }));
        return file ? json(sampleText(`nagios/${file}`)) : json('{}', 404);
      }
      case 'auth':
        return void res.writeHead(401, { 'content-type': 'text/html', 'www-authenticate': 'Basic realm="Nagios Access"' }).end(sampleBody('nagios/statusjson-no-auth-401.http'));
      case 'login-page':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!DOCTYPE html><html><head><title>Sign in · Corporate SSO</title></head><body><form>…</form></body></html>');
      case 'not-json':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end('Status: 500\nstatusjson.cgi crashed');
      case 'bad-query':
        return json(sampleText('nagios/statusjson-bad-query.json'));
      case 'nobody':
        return json(query === 'hostlist' ? sampleText('nagios/statusjson-hostlist-no-remote-user.json') : sampleText(`nagios/statusjson-${query === 'programstatus' ? 'programstatus' : 'servicelist-details'}.json`));
      case 'huge': {
        // 50 MB of JSON-looking bytes, produced as the client reads, so an early abort stops it
        res.writeHead(200, { 'content-type': 'application/json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let left = 50;
        const pump = () => {
          while (left > 0) {
            left--;
            bigBodyBytesSent += chunk.length;
            if (!res.write(chunk)) return void res.once('drain', pump);
          }
          res.end();
        };
        res.on('close', () => (left = 0));
        return pump();
      }
      case 'icinga-401':
        return void res.writeHead(401, { 'content-type': 'text/html' }).end(sampleBody('icinga2/icinga2-401.http'));
      case 'icinga-404':
        if (url.pathname.endsWith('/v1/status/IcingaApplication')) return json(sampleText('icinga2/icinga2-status-IcingaApplication.json'));
        return json(sampleBody('icinga2/icinga2-404.http'), 404);
      case 'icinga-no-comments': {
        // an API user with the permissions of old (hosts, services, status) but not Comment/Downtime
        const file = { '/v1/status/IcingaApplication': 'status-IcingaApplication', '/v1/objects/hosts': 'objects-hosts', '/v1/objects/services': 'objects-services' }[
          url.pathname.slice('/icinga-no-comments'.length)
        ];
        return file ? json(sampleText(`icinga2/icinga2-${file}.json`)) : json(sampleBody('icinga2/icinga2-404.http'), 404);
      }
      case 'icinga-500':
        return json('{"error":500,"status":"Internal Server Error: boom"}', 500);
      // terminal colours, a title-setting OSC, a bell, a bidi override and a NUL in what the server says
      case 'ansi-502':
        return void res.writeHead(502, { 'content-type': 'text/plain' }).end(`${ANSI_TEXT}\n`);
      case 'ansi-not-json':
        return void res.writeHead(200, { 'content-type': 'text/plain' }).end(ANSI_TEXT);
      case 'ansi-envelope':
        return json(JSON.stringify({ result: { type_code: 6, type_text: '\u001b[1mOption Value Invalid\u001b[0m', message: ANSI_TEXT }, data: {} }));
      case 'ansi-title':
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(`<html><head><title>\u001b[31mSign in\u001b[0m\u0007</title></head></html>`);
      case 'icinga-ansi':
        return json(JSON.stringify({ error: 500, status: ANSI_TEXT }), 500);
      default:
        return json('{}', 404);
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const dir = mkdtempSync(path.join(tmpdir(), 'radiator-bad-input-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const context = (env: Record<string, string> = {}) => ({ previous: null, env, now: Date.now, deadline: Date.now() + 20_000 });
const pollNagios = (options: Record<string, unknown>, env: Record<string, string> = {}) =>
  nagiosSource.poll(nagiosSource.options.parse(options), AbortSignal.timeout(20_000), context(env));
const pollIcinga = (options: Record<string, unknown>) =>
  icinga2Source.poll(
    icinga2Source.options.parse({ username: 'radiator', passwordEnv: 'ICINGA_PW', ...options }),
    AbortSignal.timeout(20_000),
    context({ ICINGA_PW: 'secret' }),
  );

/** The error message of a failed poll; fails the test if the poll succeeded. */
async function failure(poll: Promise<unknown>): Promise<string> {
  try {
    await poll;
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).not.toMatch(/\n|\bat \S+:\d+:\d+|<html|<\?xml/i);
    return message;
  }
  throw new Error('expected the poll to fail');
}

describe('nagios source on bad input', () => {
  it('reads a good answer (the control for everything below)', async () => {
    const r = await pollNagios({ url: `${base}/ok/cgi-bin`, maxStatusAgeSeconds: 1e9 });
    expect(r.type).toBe('monitoring');
    if (r.type === 'monitoring') expect(r.checks).toHaveLength(21);
  });

  it('connection refused', async () => {
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await failure(pollNagios({ url: `http://127.0.0.1:${port}/nagios4/cgi-bin` }))).toBe(`connection refused by 127.0.0.1:${port}`);
  });

  it('wrong or missing credentials (HTTP 401 with an HTML page)', async () => {
    const message = await failure(pollNagios({ url: `${base}/auth/cgi-bin`, username: 'nagiosadmin', passwordEnv: 'NAGIOS_PW' }, { NAGIOS_PW: 'wrong' }));
    expect(message).toMatch(/^authentication failed \(HTTP 401\) at 127\.0\.0\.1:\d+\/auth\/cgi-bin\/\w+\.cgi for user "nagiosadmin"; check username and passwordEnv$/);
    expect(await failure(pollNagios({ url: `${base}/auth/cgi-bin` }))).toMatch(/^authentication failed \(HTTP 401\) .* — no credentials configured/);
  });

  it('the password variable is not set', async () => {
    expect(await failure(pollNagios({ url: `${base}/ok/cgi-bin`, username: 'nagiosadmin', passwordEnv: 'NAGIOS_PW' }, {}))).toBe(
      'environment variable NAGIOS_PW is not set (passwordEnv for user "nagiosadmin")',
    );
  });

  it('HTML instead of JSON (a login page in front), and plain garbage', async () => {
    expect(await failure(pollNagios({ url: `${base}/login-page/cgi-bin` }))).toMatch(
      /^not a statusjson response: got HTML \("Sign in · Corporate SSO"\) from 127\.0\.0\.1:\d+\/login-page\/cgi-bin\/statusjson\.cgi — wrong URL, or a login page in front\?$/,
    );
    expect(await failure(pollNagios({ url: `${base}/not-json/cgi-bin`, groups: false }))).toMatch(/^not a statusjson response: invalid JSON from .* \(starts with "Status: 500 statusjson/);
  });

  it('an error envelope (type_code ≠ 0) is an error with its message', async () => {
    expect(await failure(pollNagios({ url: `${base}/bad-query/cgi-bin`, groups: false }))).toMatch(
      /^statusjson\.cgi rejected query=\w+: Option Value Invalid: The query option value 'nosuchquery' is invalid\.$/,
    );
  });

  it('zero hosts visible (no REMOTE_USER) is an error, not all green', async () => {
    expect(await failure(pollNagios({ url: `${base}/nobody/cgi-bin`, groups: false }))).toMatch(/^no hosts visible — check credentials\/authorization/);
  });

  it('a 50 MB answer is cut off at maxBytes with a clear error', async () => {
    bigBodyBytesSent = 0;
    const message = await failure(pollNagios({ url: `${base}/huge/cgi-bin`, groups: false, comments: false }));
    expect(message).toMatch(/^response body larger than 32 MiB from http:\/\/127\.0\.0\.1:\d+\/huge\/cgi-bin\/statusjson\.cgi/);
    const small = await failure(pollNagios({ url: `${base}/huge/cgi-bin`, groups: false, comments: false, maxBytes: 1024 * 1024 }));
    expect(small).toMatch(/^response body larger than 1 MiB/);
    // the reader gave up early instead of buffering all 50 MB (of three 50 MB answers, far less went out)
    expect(bigBodyBytesSent).toBeLessThan(3 * 50 * 1024 * 1024);
  });

  it('a truncated or missing status.dat fails the poll', async () => {
    const text = sampleText('nagios/status.dat');
    const file = path.join(dir, 'status.dat');
    writeFileSync(file, text.slice(0, text.lastIndexOf('servicestatus {') + 200));
    expect(await failure(pollNagios({ statusFile: file }))).toMatch(/^status\.dat is truncated: it ends inside the "servicestatus" block opened at line \d+/);
    expect(await failure(pollNagios({ statusFile: path.join(dir, 'gone.dat') }))).toMatch(/^status\.dat not found at .*gone\.dat — Nagios stopped\?/);
    expect(await failure(pollNagios({ statusFile: dir }))).toMatch(/is a directory; statusFile must name status\.dat itself$/);
  });
});

describe('error reasons from what a server sent are plain text', () => {
  const controls = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('strips ANSI escape codes and control characters from HTTP error bodies, non-JSON bodies, HTML titles and CGI messages', async () => {
    const messages = [
      await failure(pollNagios({ url: `${base}/ansi-502/cgi-bin`, groups: false })),
      await failure(pollNagios({ url: `${base}/ansi-not-json/cgi-bin`, groups: false })),
      await failure(pollNagios({ url: `${base}/ansi-envelope/cgi-bin`, groups: false })),
      await failure(pollNagios({ url: `${base}/ansi-title/cgi-bin`, groups: false })),
      await failure(pollIcinga({ url: `${base}/icinga-ansi` })),
    ];
    for (const m of messages) expect(m).not.toMatch(controls);
    // (the Icinga body is JSON, shown as JSON: its escapes stay escaped text, harmless)
    for (const m of messages.slice(0, 4)) expect(m).not.toMatch(/\[31|\[0m|pwned/);
    expect(messages[0]).toMatch(new RegExp(`^HTTP 502 from 127\\.0\\.0\\.1:\\d+/ansi-502/cgi-bin/statusjson\\.cgi: ${ANSI_CLEAN}$`));
    expect(messages[1]).toMatch(/^not a statusjson response: invalid JSON from .* \(starts with "ERROR: backend down slaer retry later"\)$/);
    expect(messages[2]).toBe(`statusjson.cgi rejected query=programstatus: Option Value Invalid: ${ANSI_CLEAN}`);
    expect(messages[3]).toMatch(/^not a statusjson response: got HTML \("Sign in"\) from /);
    expect(messages[4]).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+\/icinga-ansi\/v1\/\S+: \{"error":500,"status":"\\u001b\[31;1mERROR/);
  });
});

describe('icinga2 source on bad input', () => {
  it('bad credentials: HTTP 401 with an HTML body', async () => {
    expect(await failure(pollIcinga({ url: `${base}/icinga-401` }))).toMatch(/^authentication failed \(HTTP 401\) at 127\.0\.0\.1:\d+\/icinga-401\/v1\/\S+ for user "radiator"/);
  });

  it('missing permission: 404 "No objects found" is "no hosts visible", not an empty wall', async () => {
    // whichever answer comes first, the reason is the first request's
    expect(await failure(pollIcinga({ url: `${base}/icinga-404/v1` }))).toBe(
      'no hosts visible — check credentials/authorization (Icinga answers 404 when the API user lacks objects/query/Host)',
    );
  });

  it('no permission to read comments and downtimes says which, and how to do without', async () => {
    expect(await failure(pollIcinga({ url: `${base}/icinga-no-comments` }))).toBe(
      'comments not visible — Icinga answers 404 when the API user lacks objects/query/Comment; grant it, or set "comments": false on this source',
    );
    const r = await pollIcinga({ url: `${base}/icinga-no-comments`, comments: false, maxStatusAgeSeconds: 1e9 });
    expect(r.type === 'monitoring' && r.checks.length).toBe(13);
  });

  it('an API error object', async () => {
    expect(await failure(pollIcinga({ url: `${base}/icinga-500` }))).toMatch(/^HTTP 500 from 127\.0\.0\.1:\d+\/icinga-500\/v1\/\S+: \{"error":500,"status":"Internal Server Error: boom"\}$/);
  });

  it('connection refused and an unreadable caFile', async () => {
    expect(await failure(pollIcinga({ url: 'https://127.0.0.1:1' }))).toBe('connection refused by 127.0.0.1:1');
    expect(await failure(pollIcinga({ url: `${base}/icinga-401`, caFile: path.join(dir, 'no-ca.crt') }))).toMatch(/^cannot read caFile .*no-ca\.crt: file not found$/);
  });
});

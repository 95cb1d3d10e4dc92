import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capturingLogger } from '../../helpers/test-logger.js';
import { getJson, startTestServer, type StartedServer } from '../../helpers/test-server.js';

const config = {
  boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] } },
};

const logger = capturingLogger();
const logged = logger.lines;

let app: StartedServer;
beforeAll(async () => {
  app = await startTestServer(config, { logger });
});
afterAll(async () => {
  await app?.close();
});

/** Sends the request target exactly as given (fetch would normalize it) and reads the whole answer. */
function rawGet(port: number, target: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      // write, not end: a half-closed client gets no answer to a request the server handles asynchronously
      socket.write(`GET ${target} HTTP/1.1\r\nHost: radiator.test\r\nConnection: close\r\n\r\n`);
    });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      if (!status) return reject(new Error(`no HTTP answer to ${target.slice(0, 80)}: ${JSON.stringify(answer.slice(0, 200))}`));
      const [head = '', ...rest] = answer.split('\r\n\r\n');
      const body = rest.join('\r\n\r\n');
      resolve({ status: Number(status[1]), body: /^transfer-encoding: chunked/im.test(head) ? unchunk(body) : body });
    });
  });
}

function unchunk(body: string): string {
  let text = '';
  for (let at = 0; ; ) {
    const lineEnd = body.indexOf('\r\n', at);
    const size = parseInt(body.slice(at, lineEnd), 16);
    if (!size) return text;
    text += body.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}

describe('request paths from hostile clients', () => {
  it('answers 400 with JSON to a path that looks like an authority (//host:port/), as the README promises', async () => {
    const { status, body } = await rawGet(app.port, '//x:99999999/');
    expect(status).toBe(400);
    expect(JSON.parse(body)).toEqual({ error: 'malformed URL "//x:99999999/": a path cannot start with "//"', status: 400 });
    // and such a path is never read as a host: it does not reach the board behind it
    expect((await rawGet(app.port, '//evil.example/api/v1/boards/ops')).status).toBe(400);
  });

  it('never answers 500 nor logs a stack, whatever the path', async () => {
    const targets = [
      '//',
      '///',
      '//x:99999999/',
      '//[::1/',
      '/%',
      '/%zz',
      '/%E0%A4%A',
      '/..%2f',
      '/..%2f..%2f..%2fetc%2fpasswd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/%00',
      '/boards/%00',
      '/%C2%85',
      '/api/v1/boards/%E2%80%AE',
      '/\\..\\..\\etc\\passwd',
      '*',
      'relative/path',
      'http://radiator.test//x:99999999/',
      'http://[::1/',
      '/healthz?x=%',
      `/${'a'.repeat(10_000)}`,
      `/boards/${'%41'.repeat(5_000)}`,
    ];
    for (const target of targets) {
      const { status } = await rawGet(app.port, target);
      expect({ target: target.slice(0, 40), status }).toEqual({ target: target.slice(0, 40), status: expect.toSatisfy((s: number) => s < 500) });
    }
    // longer than Node's header limit: Node itself refuses it, and the server stays up
    expect((await rawGet(app.port, `/${'a'.repeat(100_000)}`)).status).toBe(431);
    expect(logged.filter((line) => line.startsWith('ERROR'))).toEqual([]);
    expect((await getJson(`${app.url}/healthz`)).status).toBe(200);
  });

  it('answers any request target made of URL pieces without a 500 or a logged error (property)', async () => {
    const piece = fc.constantFrom('/', '//', '.', '..', '%', '%2f', '%2F', '%00', '%zz', '%E0%A4', '%C0%AF', ':', ':99999999', '@', '[', ']', '\\', '?', '#', '~', 'a', 'boards', 'api', 'v1', 'ops', 'healthz', 'http://x', '*');
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 12 }), async (pieces) => {
        const { status } = await rawGet(app.port, pieces.join('') || '/');
        expect(status).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(logged.filter((line) => line.startsWith('ERROR'))).toEqual([]);
  });

  it('says why a path is refused, and still serves ordinary ones', async () => {
    expect(await rawGet(app.port, '/%')).toEqual({ status: 400, body: expect.stringContaining('malformed percent-encoding in /%') });
    expect(await rawGet(app.port, '/boards/%00')).toEqual({ status: 400, body: expect.stringContaining('control characters in the path') });
    expect(await rawGet(app.port, `/${'a'.repeat(10_000)}`)).toEqual({ status: 414, body: expect.stringContaining('at most 2048 are served') });
    expect((await rawGet(app.port, 'http://radiator.test/api/v1/boards/ops?x=1')).status).toBe(200);
    expect((await rawGet(app.port, '/api/v1/boards/ops?x=%')).status).toBe(200);
  });
});

describe('what every answer carries', () => {
  it('security headers on pages, API answers, files and refusals alike', async () => {
    for (const path of ['/', '/boards/ops', '/api/v1/boards', '/healthz', '/metrics', '/favicon.svg', '/nothing-here', '/%zz']) {
      const res = await fetch(`${app.url}${path}`);
      await res.arrayBuffer();
      expect({ path, nosniff: res.headers.get('x-content-type-options'), frame: res.headers.get('x-frame-options'), referrer: res.headers.get('referrer-policy') }).toEqual({
        path,
        nosniff: 'nosniff',
        frame: 'DENY',
        referrer: 'no-referrer',
      });
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    }
  });

  it('lets browsers keep the hashed assets for good, but never the page or an API answer', async () => {
    const page = await fetch(`${app.url}/boards/ops`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${app.url}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-type')).toMatch(/^(text|application)\/javascript/);
    await asset.arrayBuffer();
    for (const path of ['/index.html', '/favicon.svg']) {
      const res = await fetch(`${app.url}${path}`);
      await res.arrayBuffer();
      expect({ path, status: res.status, cache: res.headers.get('cache-control') }).toEqual({ path, status: 200, cache: 'no-cache' });
    }
    for (const path of ['/api/v1/boards', '/api/v1/boards/ops', '/healthz', '/metrics', '/api/v1/boards/nope']) {
      const res = await fetch(`${app.url}${path}`);
      await res.arrayBuffer();
      expect({ path, cache: res.headers.get('cache-control') }).toEqual({ path, cache: 'no-store' });
    }
  });

  it('answers HEAD like GET, without a body', async () => {
    for (const [path, status] of [['/healthz', 200], ['/boards/ops', 200], ['/api/v1/boards/ops', 200], ['/boards/nope', 404], ['/favicon.svg', 200]] as const) {
      const res = await fetch(`${app.url}${path}`, { method: 'HEAD' });
      expect({ path, status: res.status, body: await res.text() }).toEqual({ path, status, body: '' });
    }
  });

  it('refuses other methods with 405 in the usual JSON, without reading what was sent', async () => {
    const cases: [string, string, RequestInit][] = [
      ['POST', '/api/v1/boards/ops', { body: '<x/>', headers: { 'content-type': 'application/xml' } }],
      ['POST', '/boards/ops', { body: 'x'.repeat(300 * 1024), headers: { 'content-type': 'application/json' } }],
      ['PUT', '/nothing-here', { body: '{}', headers: { 'content-type': 'application/json' } }],
      ['DELETE', '/healthz', {}],
      ['OPTIONS', '/', {}],
    ];
    for (const [method, path, init] of cases) {
      const res = await fetch(`${app.url}${path}`, { method, ...init });
      expect({ method, path, status: res.status, allow: res.headers.get('allow'), body: await res.json() }).toEqual({
        method,
        path,
        status: 405,
        allow: 'GET, HEAD',
        body: { error: `${method} is not supported on ${path}`, status: 405 },
      });
    }
  });

  it('answers what is not HTTP at all with the same JSON refusal', async () => {
    const notHttp = await rawGet(app.port, 'relative/path');
    expect(notHttp.status).toBe(400);
    expect(JSON.parse(notHttp.body)).toEqual({ error: expect.stringMatching(/^malformed HTTP request/), status: 400 });
    const huge = await rawGet(app.port, `/${'a'.repeat(100_000)}`);
    expect(huge.status).toBe(431);
    expect(JSON.parse(huge.body)).toMatchObject({ status: 431 });
  });

  it('writes no log line per request: displays and scrapers poll all day', async () => {
    const before = logger.lines.length;
    for (let i = 0; i < 20; i++) {
      for (const path of ['/healthz', '/metrics', '/api/v1/boards/ops', '/boards/ops', '/nothing-here', '/%zz']) await (await fetch(`${app.url}${path}`)).arrayBuffer();
    }
    expect(logger.lines.slice(before)).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DeploysReading } from '../../../src/server/readings/deploys.js';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import { fillDisk, mountSmallDisk } from '../../helpers/small-disk.js';
import { capturingLogger } from '../../helpers/test-logger.js';
import { startTestServer, type StartedServer } from '../../helpers/test-server.js';

const CI_TOKEN = 'ci-token-0123456789abcdef';
const DEPLOY_TOKEN = 'deploy-token-0123456789abcdef';
const OTHER_DEPLOY_TOKEN = 'other-deploy-token-0123456789';
const ENV = { CI_TOKENS: CI_TOKEN, DEPLOY_TOKENS: `${DEPLOY_TOKEN}, ${OTHER_DEPLOY_TOKEN}`, STAGING_TOKENS: DEPLOY_TOKEN };

function config(extra: Record<string, unknown> = {}, sources: Record<string, unknown> = {}) {
  return {
    sources: {
      ci: { type: 'push', tokensEnv: 'CI_TOKENS' },
      deploys: { type: 'deploys', tokensEnv: 'DEPLOY_TOKENS' },
      ...sources,
    },
    boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'build', widget: 'number', source: 'ci', x: 0, y: 0, options: { series: 'build/duration' } }] } },
    ...extra,
  };
}

const deploy = (fields: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'deploy',
  env: 'prod',
  manifest: 'M-4411',
  status: 'started',
  ticket: { id: 'OPS-1234', url: 'https://tickets.example.com/OPS-1234' },
  hosts: ['web1', 'web2'],
  ...fields,
});
const metric = (value: number, fields: Record<string, unknown> = {}) => ({ kind: 'metric', series: 'build/duration', value, unit: 's', ...fields });

interface Answer {
  status: number;
  headers: Headers;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- what the server sent, checked by each test
}

async function answer(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text === '' ? null : JSON.parse(text) };
}

async function post(app: StartedServer, body: unknown, { token = DEPLOY_TOKEN as string | null, headers = {} as Record<string, string>, raw = false } = {}): Promise<Answer> {
  const res = await fetch(`${app.url}/api/v1/events`, {
    method: 'POST',
    body: raw ? String(body) : JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...(token !== null && { authorization: `Bearer ${token}` }), ...headers },
  });
  return answer(res);
}

async function get(app: StartedServer, query: string, token: string | null = DEPLOY_TOKEN): Promise<Answer> {
  return answer(await fetch(`${app.url}/api/v1/events${query}`, { headers: token === null ? {} : { authorization: `Bearer ${token}` } }));
}

/** Every event the token may read, following `next` from page to page. */
async function readAll(app: StartedServer, token: string, query = '?limit=1000'): Promise<{ id: number; source: string; key: string | null; event: Record<string, unknown> }[]> {
  const all = [];
  for (let next: string | null = `/api/v1/events${query}`; next !== null; ) {
    const page = await answer(await fetch(`${app.url}${next}`, { headers: { authorization: `Bearer ${token}` } }));
    expect(page.status).toBe(200);
    all.push(...page.body.events);
    next = page.body.next;
  }
  return all;
}

const newDataDir = () => mkdtempSync(path.join(tmpdir(), 'radiator-events-'));

let app: StartedServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await app?.close();
  app = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(raw: unknown = config(), deps: Parameters<typeof startTestServer>[1] = {}): Promise<StartedServer> {
  app = await startTestServer(raw, { env: ENV, restoreWaitMs: 0, ...deps });
  return app;
}

describe('POST /api/v1/events', () => {
  it('takes a deploy tool\'s event, answers 202 once it is stored, and the deploys source shows it', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const app = await start(config(), { dataDir });
    const sent = deploy({ id: 'deploy-4411-started', by: 'jenkins', version: '2.14.1' });
    const res = await post(app, sent);
    expect(res.status).toBe(202);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({ accepted: 1, duplicates: 0, events: [{ id: 1, source: 'deploys', kind: 'deploy', key: 'deploy-4411-started', duplicate: false }] });
    // in the event log (SQLite) and folded into the source's reading
    expect(await app.server.store.events({ source: 'deploys' })).toMatchObject([{ id: 1, kind: 'deploy', key: 'deploy-4411-started', body: { env: 'prod', manifest: 'M-4411' } }]);
    const reading = app.server.store.reading('deploys') as DeploysReading;
    expect(reading.deploys).toMatchObject([{ env: 'prod', manifest: 'M-4411', version: '2.14.1', status: 'started', by: 'jenkins', hosts: ['web1', 'web2'], ticket: { id: 'OPS-1234' } }]);
  });

  it('takes an array, stores the request\'s events together and answers for each in the order sent', async () => {
    const app = await start();
    const res = await post(app, [deploy({ id: 'a' }), deploy({ id: 'b', status: 'progress', progress: 0.5 }), deploy({ status: 'succeeded' })]);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({
      accepted: 3,
      duplicates: 0,
      events: [
        { id: 1, source: 'deploys', kind: 'deploy', key: 'a', duplicate: false },
        { id: 2, source: 'deploys', kind: 'deploy', key: 'b', duplicate: false },
        { id: 3, source: 'deploys', kind: 'deploy', key: null, duplicate: false },
      ],
    });
    expect((app.server.store.reading('deploys') as DeploysReading).deploys).toMatchObject([{ manifest: 'M-4411', status: 'succeeded' }]);
  });

  it('stores and counts a retried event once, and says it was a duplicate', async () => {
    const app = await start();
    const first = await post(app, [deploy({ id: 'run-7-started' })]);
    expect(first.body).toMatchObject({ accepted: 1, duplicates: 0 });
    // the deploy tool did not hear the 202 and sends the same event again, with the next one
    const retry = await post(app, [deploy({ id: 'run-7-started' }), deploy({ id: 'run-7-done', status: 'succeeded' })]);
    expect(retry.status).toBe(202);
    expect(retry.body).toEqual({
      accepted: 1,
      duplicates: 1,
      events: [
        { id: 1, source: 'deploys', kind: 'deploy', key: 'run-7-started', duplicate: true },
        { id: 2, source: 'deploys', kind: 'deploy', key: 'run-7-done', duplicate: false },
      ],
    });
    expect((await readAll(app, DEPLOY_TOKEN)).map((e) => e.key)).toEqual(['run-7-started', 'run-7-done']);
    // a metric sent twice is one history point
    await post(app, metric(312, { id: 'build-99' }), { token: CI_TOKEN });
    await post(app, metric(312, { id: 'build-99' }), { token: CI_TOKEN });
    expect(app.server.store.history('ci', 'build/duration')).toHaveLength(1);
  });

  it('refuses a request without a valid bearer token: 401 with WWW-Authenticate, nothing stored', async () => {
    const app = await start();
    const cases: [string, Record<string, string>, string, string][] = [
      ['none', {}, 'Bearer realm="radiator"', 'a bearer token is required: send "Authorization: Bearer <token>" with a token from the push source\'s tokensEnv'],
      ['basic', { authorization: `Basic ${Buffer.from(`x:${DEPLOY_TOKEN}`).toString('base64')}` }, 'Bearer realm="radiator", error="invalid_token"', 'the Authorization header is not "Bearer <token>"'],
      [
        'wrong',
        { authorization: 'Bearer not-the-token-0123456789' },
        'Bearer realm="radiator", error="invalid_token"',
        'the bearer token is not valid for any push source (after a rotation, use the new token from the source\'s tokensEnv)',
      ],
      ['prefix', { authorization: `Bearer ${DEPLOY_TOKEN.slice(0, -1)}` }, 'Bearer realm="radiator", error="invalid_token"', expect.stringContaining('not valid')],
    ];
    for (const [what, headers, challenge, message] of cases) {
      const res = await post(app, deploy(), { token: null, headers });
      expect({ what, status: res.status, challenge: res.headers.get('www-authenticate'), body: res.body }).toEqual({ what, status: 401, challenge, body: { error: message, status: 401 } });
    }
    expect(await app.server.store.events({})).toEqual([]);
  });

  it('says when no push source has tokens at all', async () => {
    const app = await start(config(), { env: {} });
    const res = await post(app, deploy());
    expect(res.status).toBe(401);
    expect(res.body.error).toMatch(/no push source has tokens yet: give one `tokensEnv` in the config and set that variable/);
  });

  it('names every problem of every event by JSON path (400) and stores nothing of the request', async () => {
    const app = await start();
    const res = await post(app, [
      deploy({ id: 'fine' }),
      deploy({ status: 'done', env: '' }),
      { ...deploy(), manifest: undefined, hosts: 'web1' },
      deploy({ ticket: { id: 'OPS-1', url: 'javascript:alert(1)' }, colour: 'red' }),
    ]);
    expect(res.status).toBe(400);
    expect(res.body.problems).toEqual([
      '$[1].env: expected text with at least one visible character',
      expect.stringMatching(/^\$\[1\]\.status: .*"started"/),
      expect.stringMatching(/^\$\[2\]\.hosts: .*expected array/),
      '$[3].ticket.url: expected an http:// or https:// URL',
      '$[3]: Unrecognized key: "colour"',
    ]);
    expect(res.body.problems).toHaveLength(5);
    expect(res.body.error).toMatch(/^5 problems in the events, nothing was stored; fix them and send the request again: \$\[1\]\.env: /);
    expect(res.body.status).toBe(400);
    expect(await app.server.store.events({})).toEqual([]);
    expect(app.server.store.reading('deploys')).toBeNull();

    // one event alone is named from $
    const single = await post(app, deploy({ status: 'done' }));
    expect(single.body.problems).toEqual([expect.stringMatching(/^\$\.status: /)]);
  });

  it('routes each event by its kind to the token\'s one source taking it, and says how to fix it when there is none or several', async () => {
    const app = await start(config({}, { staging: { type: 'deploys', tokensEnv: 'STAGING_TOKENS' } }));
    const res = await post(app, [deploy(), metric(1), { kind: 'deploy', source: 'ci' }, deploy({ source: 'nightly' }), { env: 'prod' }, 42]);
    expect(res.status).toBe(400);
    const takes = '"deploy" events to "deploys", "deploy" events to "staging"';
    expect(res.body.problems).toEqual([
      '$[0].kind: this token may push "deploy" events to "deploys", "staging": name one with "source"',
      `$[1].kind: this token may push no "metric" events (it may push ${takes}); send them with a token of a source that takes them`,
      `$[2].source: this token may not push to source "ci"; it may push ${takes}`,
      `$[3].source: this token may not push to source "nightly"; it may push ${takes}`,
      `$[4].kind: expected the event's kind, a string (this token may push ${takes})`,
      `$[5]: expected an event: an object with "kind" (this token may push ${takes})`,
    ]);
    const named = await post(app, [deploy({ source: 'staging', env: 'staging' }), deploy({ source: 'deploys' })]);
    expect(named.body.events).toMatchObject([{ source: 'staging' }, { source: 'deploys' }]);
    // the token of one source only needs no "source"
    expect((await post(app, deploy(), { token: OTHER_DEPLOY_TOKEN })).body.events).toMatchObject([{ source: 'deploys' }]);
  });

  it('refuses bodies that are no events, and more events than api.maxEventsPerRequest (400)', async () => {
    const app = await start(config({ api: { maxEventsPerRequest: 3 } }));
    const cases: [unknown, boolean, string][] = [
      [[], false, '$: the array holds no events; send one event (a JSON object) or an array of 1 to 3'],
      [[deploy(), deploy(), deploy(), deploy()], false, '$: 4 events in one request; send at most 3 per request (split the batch)'],
      [null, false, '$: expected an event or an array of events, got null; send one event (a JSON object) or an array of 1 to 3'],
      ['"deploy"', true, '$: expected an event or an array of events, got string; send one event (a JSON object) or an array of 1 to 3'],
      ['{"kind": "deploy",', true, '$: the body is not valid JSON (or has a "__proto__" or "constructor.prototype" key); send one event (a JSON object) or an array of events'],
      ['{"kind": "deploy", "__proto__": {"x": 1}}', true, expect.stringContaining('"__proto__"')],
      ['', true, '$: the body is empty; send one event (a JSON object) or an array of events'],
    ];
    for (const [body, raw, error] of cases) {
      const res = await post(app, body, { raw });
      expect({ body, status: res.status, answer: res.body }).toEqual({ body, status: 400, answer: { error, status: 400 } });
    }
    expect(await app.server.store.events({})).toEqual([]);
  });

  it('refuses a body over 256 KB by default, and over api.maxBodyBytes when set (413)', async () => {
    const big = (bytes: number) => JSON.stringify([deploy({ message: 'x' })]).padEnd(bytes, ' ');
    let app = await start();
    expect((await post(app, big(256 * 1024), { raw: true })).status).toBe(202);
    expect(await post(app, big(256 * 1024 + 1), { raw: true })).toMatchObject({
      status: 413,
      body: { error: 'the request body is over this server\'s limit of 262,144 bytes (api.maxBodyBytes): send the events in smaller batches', status: 413 },
    });
    await app.close();
    app = await start(config({ api: { maxBodyBytes: 4096 } }));
    expect(await post(app, big(4097), { raw: true })).toMatchObject({ status: 413, body: { error: expect.stringContaining('limit of 4,096 bytes') } });
    expect((await post(app, big(4096), { raw: true })).status).toBe(202);
  });

  it('refuses a body that is not declared JSON (415), before reading it', async () => {
    const app = await start();
    const cases: [Record<string, string>, string][] = [
      [{ 'content-type': 'text/plain' }, 'send the events as JSON with "Content-Type: application/json" (got "text/plain")'],
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'send the events as JSON with "Content-Type: application/json" (got "application/x-www-form-urlencoded")'],
      [{ 'content-type': 'application/jsonx' }, 'send the events as JSON with "Content-Type: application/json" (got "application/jsonx")'],
    ];
    for (const [headers, error] of cases) {
      expect(await post(app, deploy(), { headers })).toMatchObject({ status: 415, body: { error, status: 415 } });
    }
    // fetch sends a Blob without a type with no Content-Type at all
    const untyped = await fetch(`${app.url}/api/v1/events`, { method: 'POST', body: new Blob([JSON.stringify(deploy())]), headers: { authorization: `Bearer ${DEPLOY_TOKEN}` } });
    expect(await answer(untyped)).toMatchObject({ status: 415, body: { error: 'send the events as JSON with "Content-Type: application/json" (no Content-Type was given)' } });
    expect((await post(app, deploy(), { headers: { 'content-type': 'application/json; charset=utf-8' } })).status).toBe(202);
  });

  it('answers 429 with Retry-After when a token floods, counting each token and each address without one apart', async () => {
    const app = await start(config({ api: { rateLimit: { requests: 3, per: '1h', requestsWithoutToken: 2 } } }));
    for (let i = 0; i < 3; i++) expect((await post(app, deploy())).status).toBe(202);
    const flooded = await post(app, deploy());
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(3_500);
    expect(flooded.body).toEqual({
      error: expect.stringMatching(/^too many requests: this token made more than 3 requests in 3600 s; send several events per request \(an array\); retry after \d+ s \(Retry-After\)$/),
      status: 429,
    });
    expect((await get(app, '')).status).toBe(429); // reading back counts too
    expect((await post(app, metric(1), { token: CI_TOKEN })).status).toBe(202); // another token has its own budget

    for (let i = 0; i < 2; i++) expect((await post(app, deploy(), { token: 'guess-0123456789abcdef' })).status).toBe(401);
    const guessing = await post(app, deploy(), { token: null });
    expect(guessing.status).toBe(429);
    expect(guessing.body.error).toMatch(/^too many requests: more than 2 requests without a valid token came from this address in 3600 s; retry after \d+ s/);
    expect(await app.server.store.events({ source: 'deploys' })).toHaveLength(3);
  });

  it('answers 405 to other methods, naming the ones it takes', async () => {
    const app = await start();
    for (const method of ['PUT', 'DELETE', 'PATCH']) {
      const res = await fetch(`${app.url}/api/v1/events`, { method, headers: { authorization: `Bearer ${DEPLOY_TOKEN}` } });
      expect({ status: res.status, allow: res.headers.get('allow'), body: await res.json() }).toEqual({
        status: 405,
        allow: 'GET, HEAD, POST',
        body: { error: `${method} is not supported on /api/v1/events`, status: 405 },
      });
    }
  });

  it('accepts the old and the new token while rotating, and only the new one after a restart without the old', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const OLD = 'old-deploy-token-0123456789';
    const NEW = 'new-deploy-token-0123456789';
    let app = await start(config(), { dataDir, env: { DEPLOY_TOKENS: `${OLD},${NEW}` } });
    expect((await post(app, deploy({ id: 'with-old' }), { token: OLD })).status).toBe(202);
    expect((await post(app, deploy({ id: 'with-new' }), { token: NEW })).status).toBe(202);
    await app.close();

    app = await start(config(), { dataDir, env: { DEPLOY_TOKENS: NEW } });
    expect(await post(app, deploy({ id: 'old-again' }), { token: OLD })).toMatchObject({ status: 401, body: { error: expect.stringContaining('after a rotation, use the new token') } });
    expect((await get(app, '', OLD)).status).toBe(401);
    expect((await readAll(app, NEW)).map((e) => e.key)).toEqual(['with-old', 'with-new']);
  });

  it('logs no token, warns about a tokensEnv that is unset or holds a short token, and keeps tokens out of what it stores', async () => {
    const logger = capturingLogger('debug');
    const app = await start(config({}, { staging: { type: 'deploys', tokensEnv: 'STAGING_TOKENS' }, qa: { type: 'deploys', tokensEnv: 'QA_TOKENS' } }), {
      logger,
      env: { ...ENV, STAGING_TOKENS: 'tiny-tok', QA_TOKENS: undefined },
    });
    expect(logger.lines).toEqual(
      expect.arrayContaining([
        'WARN source "staging": a token in STAGING_TOKENS is shorter than 16 characters and is not accepted; use a long random one (e.g. `openssl rand -hex 32`)',
        'WARN source "qa": QA_TOKENS (its tokensEnv) is not set, so nobody can push to it over HTTP; set it to one or more tokens',
      ]),
    );
    expect((await post(app, deploy(), { token: 'tiny-tok' })).status).toBe(401);
    await post(app, deploy({ message: `curl -H "Authorization: Bearer ${DEPLOY_TOKEN}" failed`, source: 'deploys' }));
    await post(app, deploy({ source: 'nope' }), { token: `${DEPLOY_TOKEN}x` });
    expect((await readAll(app, DEPLOY_TOKEN))[0]?.event).toMatchObject({ message: 'curl -H "Authorization: Bearer [redacted]" failed' });
    const everything = logger.records.join('\n');
    for (const secret of [DEPLOY_TOKEN, OTHER_DEPLOY_TOKEN, CI_TOKEN, 'tiny-tok']) expect(everything).not.toContain(secret);
  });

  it('takes 100 requests at once and loses none; the source\'s reading is that of the request appended last', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const app = await start(config(), { dataDir });
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => post(app, metric(i, { id: `m-${i}` }), { token: CI_TOKEN })));
    expect(answers.map((a) => a.status)).toEqual(Array(100).fill(202));
    const stored = await readAll(app, CI_TOKEN);
    expect(stored.map((e) => e.key).sort()).toEqual(Array.from({ length: 100 }, (_, i) => `m-${i}`).sort());
    // readings were applied in append order: the last one shown is the last one stored
    const last = stored[stored.length - 1]!;
    expect((app.server.store.reading('ci') as MetricsReading).samples[0]?.value).toBe(last.event.value);
  });

  it('keeps each environment\'s deploys in the order sent while environments post in parallel (100 requests, SQLite)', async () => {
    const dataDir = newDataDir();
    dirs.push(dataDir);
    const app = await start(config({}, { deploys: { type: 'deploys', tokensEnv: 'DEPLOY_TOKENS', keepPerEnv: 50 } }), { dataDir });
    const envs = ['dev', 'qa', 'staging', 'prod'];
    const perEnv = 25;
    await Promise.all(
      envs.map(async (env) => {
        for (let i = 0; i < perEnv; i++) {
          const res = await post(app, [deploy({ id: `${env}-${i}`, env, manifest: `M-${i}`, deploy: `${env}-run-${i}`, status: 'succeeded' })]);
          expect(res.status).toBe(202);
        }
      }),
    );
    const stored = await readAll(app, DEPLOY_TOKEN);
    expect(stored).toHaveLength(envs.length * perEnv);
    for (const env of envs) {
      expect(stored.filter((e) => e.event.env === env).map((e) => e.key)).toEqual(Array.from({ length: perEnv }, (_, i) => `${env}-${i}`));
    }
    const deploys = (app.server.store.reading('deploys') as DeploysReading).deploys;
    for (const env of envs) expect(deploys.filter((d) => d.env === env)).toHaveLength(perEnv);
  });
});

describe('POST /api/v1/events on a full disk (a small tmpfs; skipped, saying why, where it cannot be mounted)', () => {
  it('answers 503 while the events cannot be stored, keeps every event that got 202, and takes the retry once there is space', async (ctx) => {
    const disk = mountSmallDisk();
    if (typeof disk === 'string') return ctx.skip(disk);
    try {
      const app = await start(config(), { dataDir: path.join(disk.dir, 'data') });
      const batch = (round: number) => Array.from({ length: 20 }, (_, i) => deploy({ id: `r${round}-e${i}`, message: `deploy ${round}/${i} `.padEnd(300, 'x'), hosts: [`web${i}`] }));
      const acknowledged: string[] = [];
      expect((await post(app, batch(0))).status).toBe(202);
      acknowledged.push(...batch(0).map((e) => String(e.id)));

      const filler = fillDisk(disk.dir);
      let refused: { round: number; res: Answer } | null = null;
      for (let round = 1; round <= 500 && !refused; round++) {
        const res = await post(app, batch(round));
        if (res.status === 202) acknowledged.push(...batch(round).map((e) => String(e.id)));
        else refused = { round, res };
      }
      if (!refused) throw new Error('the disk never filled up');
      expect(refused.res.status).toBe(503);
      expect(refused.res.headers.get('retry-after')).toBe('10');
      expect(refused.res.body).toEqual({
        error: 'the events could not be stored (events not stored: database or disk is full); none of this request was kept: retry it later with the same event ids, and each event is counted once',
        status: 503,
      });
      // everything that was answered 202 is there, nothing of the refused request
      expect((await readAll(app, DEPLOY_TOKEN)).map((e) => e.key)).toEqual(acknowledged);

      rmSync(filler);
      const retried = await post(app, batch(refused.round));
      expect(retried.status).toBe(202);
      expect(retried.body).toMatchObject({ accepted: 20, duplicates: 0 });
      expect((await readAll(app, DEPLOY_TOKEN)).map((e) => e.key)).toEqual([...acknowledged, ...batch(refused.round).map((e) => String(e.id))]);
    } finally {
      await app?.close();
      app = undefined;
      disk.unmount();
    }
  });
});

describe('GET /api/v1/events', () => {
  const T = (iso: string) => Date.parse(iso);

  async function seeded(): Promise<StartedServer> {
    const app = await start(config({}, { staging: { type: 'deploys', tokensEnv: 'STAGING_TOKENS' } }));
    expect(
      (
        await post(app, [
          deploy({ id: 'p1', source: 'deploys', at: '2026-12-01T10:00:00Z' }),
          deploy({ id: 's1', source: 'staging', env: 'staging', at: '2026-12-01T11:00:00Z' }),
          deploy({ id: 'p2', source: 'deploys', status: 'succeeded', at: '2026-12-01T12:00:00Z' }),
        ])
      ).status,
    ).toBe(202);
    expect((await post(app, metric(5, { id: 'ci1' }), { token: CI_TOKEN })).status).toBe(202);
    return app;
  }

  it('reads back the events of the sources the token may push to, oldest first, with the event as accepted', async () => {
    const app = await seeded();
    const res = await get(app, '');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body).toEqual({
      events: [
        { id: 1, source: 'deploys', kind: 'deploy', key: 'p1', at: T('2026-12-01T10:00:00Z'), receivedAt: expect.any(Number), event: expect.objectContaining({ kind: 'deploy', id: 'p1', env: 'prod', at: T('2026-12-01T10:00:00Z') }) },
        { id: 2, source: 'staging', kind: 'deploy', key: 's1', at: T('2026-12-01T11:00:00Z'), receivedAt: expect.any(Number), event: expect.objectContaining({ env: 'staging' }) },
        { id: 3, source: 'deploys', kind: 'deploy', key: 'p2', at: T('2026-12-01T12:00:00Z'), receivedAt: expect.any(Number), event: expect.objectContaining({ status: 'succeeded' }) },
      ],
      next: null,
    });
    expect((await get(app, '', CI_TOKEN)).body.events.map((e: { key: string }) => e.key)).toEqual(['ci1']);
  });

  it('filters by source, kind and since (ISO or epoch ms), and pages with after and limit', async () => {
    const app = await seeded();
    const keys = async (query: string) => (await get(app, query)).body.events.map((e: { key: string }) => e.key);
    expect(await keys('?source=staging')).toEqual(['s1']);
    expect(await keys('?kind=deploy&source=deploys')).toEqual(['p1', 'p2']);
    expect(await keys('?kind=metric')).toEqual([]);
    expect(await keys('?since=2026-12-01T11:00:00Z')).toEqual(['s1', 'p2']);
    expect(await keys('?since=2026-12-01T11:30:00%2B01:00')).toEqual(['s1', 'p2']);
    expect(await keys(`?since=${T('2026-12-01T12:00:00Z')}`)).toEqual(['p2']);
    const first = await get(app, '?limit=2');
    expect(first.body.events.map((e: { key: string }) => e.key)).toEqual(['p1', 's1']);
    expect(first.body.next).toBe('/api/v1/events?after=2&limit=2');
    expect(await keys('?after=2&limit=2')).toEqual(['p2']);
    expect((await get(app, '?after=2&limit=2')).body.next).toBeNull();
    expect((await readAll(app, DEPLOY_TOKEN, '?limit=1')).map((e) => e.key)).toEqual(['p1', 's1', 'p2']);
  });

  it('refuses another source\'s events (403), a bad parameter naming it (400), and a request without a token (401)', async () => {
    const app = await seeded();
    expect(await get(app, '?source=ci')).toMatchObject({ status: 403, body: { error: 'source: this token may not read source "ci"; it may read "deploys", "staging"', status: 403 } });
    expect(await get(app, '?source=nope', CI_TOKEN)).toMatchObject({ status: 403, body: { error: 'source: this token may not read source "nope"; it may read "ci"' } });
    const cases: [string, string][] = [
      ['?since=yesterday', 'since: expected an ISO 8601 date-time with an offset ("2026-12-01T12:00:00Z") or epoch milliseconds'],
      ['?since=2026-12-01T12:00:00', 'since: expected an ISO 8601 date-time with an offset ("2026-12-01T12:00:00Z") or epoch milliseconds'],
      ['?after=-1', 'after: expected an event id (a whole number, the last "id" you read)'],
      ['?limit=0', 'limit: expected a whole number from 1 to 1,000'],
      ['?limit=1001', 'limit: expected a whole number from 1 to 1,000'],
      ['?kind=DROP%20TABLE', 'kind: expected an event kind such as "deploy" or "metric"'],
      ['?limit=1&limit=2', 'limit: given more than once; give it once'],
      ['?sources=deploys', 'unknown parameter "sources"; the parameters are source, kind, since, after, limit'],
    ];
    for (const [query, error] of cases) expect({ query, ...(await get(app, query)) }).toMatchObject({ query, status: 400, body: { error, status: 400 } });
    const anonymous = await get(app, '', null);
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="radiator"');
  });
});

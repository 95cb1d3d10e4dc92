import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuildsReading } from '../../../src/server/readings/builds.js';
import { cctraySource } from '../../../src/server/sources/cctray.js';
import { ACTIVITIES, parseFeedTime, STATUSES } from '../../../src/server/sources/cctray/feed.js';

/** What the local CCTray server answers, by path: [status, content-type, body]. */
const routes = new Map<string, [number, string, string]>();
let server: http.Server;
let base = '';
const authorizations: (string | undefined)[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    authorizations.push(req.headers.authorization);
    if (path === '/secure/cc.xml' && req.headers.authorization !== `Basic ${Buffer.from('ci:t0ken').toString('base64')}`) {
      return void res.writeHead(401, { 'www-authenticate': 'Basic realm="ci"' }).end();
    }
    const [status, type, body] = routes.get(path) ?? [404, 'text/plain', 'not found'];
    res.writeHead(status, { 'content-type': type }).end(body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const serve = (path: string, body: string, status = 200, type = 'application/xml') => routes.set(path, [status, type, body]);
const poll = (options: Record<string, unknown>, previous: BuildsReading | null = null, env: Record<string, string> = {}, now = 1_717_430_000_000) =>
  cctraySource.poll(cctraySource.options.parse(options), AbortSignal.timeout(5_000), { previous, env, now: () => now, deadline: now + 5_000 });

const EXAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<Projects>
  <Project name="billing-api" activity="Sleeping" lastBuildStatus="Failure"
           lastBuildLabel="318" lastBuildTime="2024-06-03T14:05:11Z"
           webUrl="https://ci.example.test/job/billing-api/">
    <messages>
      <message text="Dana Ortiz, Bob" kind="Breakers"/>
    </messages>
  </Project>
  <Project name="storefront" activity="Building" lastBuildStatus="Success"
           lastBuildLabel="1206" lastBuildTime="2024-06-03T13:41:55Z"
           webUrl="https://ci.example.test/job/storefront/"/>
  <Project webUrl="https://ci.example.test/job/platform/job/terraform-plan/" lastBuildTime="2024-06-03T13:06:40Z"
           lastBuildLabel="77" lastBuildStatus="Failure" activity="Sleeping" name="platform » terraform &amp; plan"></Project>
  <Project name="integration-suite" activity="CheckingModifications" lastBuildStatus="Exception"
           lastBuildLabel="build.2024.06.03.2" lastBuildTime="2024-06-03T09:12:00.1234567+02:00"
           nextBuildTime="2024-06-03T15:00:00+02:00" category="nightly"
           webUrl="https://ccnet.example.test/ccnet/server/local/project/integration-suite/"/>
  <Project name="legacy-export" activity="Sleeping" lastBuildStatus="Unknown"
           lastBuildLabel="12" lastBuildTime="not a time" webUrl="javascript:alert(1)"/>
</Projects>`;

describe('cctray source', () => {
  it('reads the spec example into the builds reading', async () => {
    serve('/cc.xml', EXAMPLE);
    const r = await poll({ url: `${base}/cc.xml` });
    expect(r.type).toBe('builds');
    const job = (name: string) => r.jobs.find((j) => j.name === name);
    expect(r.jobs.map((j) => j.key)).toEqual(['billing-api', 'storefront', 'platform » terraform & plan', 'integration-suite', 'legacy-export']);
    expect(job('billing-api')).toMatchObject({
      status: 'failed',
      lastResult: 'failed',
      number: '318',
      startedAt: Date.parse('2024-06-03T14:05:11Z'),
      url: 'https://ci.example.test/job/billing-api/',
      culprits: ['Dana Ortiz', 'Bob'],
      brokenSince: Date.parse('2024-06-03T14:05:11Z'),
    });
    expect(job('storefront')).toMatchObject({ status: 'building', lastResult: 'success', number: null, brokenSince: null });
    expect(job('integration-suite')).toMatchObject({ status: 'failed', lastResult: 'failed', startedAt: Date.parse('2024-06-03T07:12:00.123Z') });
    // the spec's Unknown is never green; a javascript: link never reaches the wall; a bad time is "unknown"
    expect(job('legacy-export')).toMatchObject({ status: 'notbuilt', lastResult: null, url: null, startedAt: null });
  });

  it('maps every activity × status, and never to success unless the last build succeeded', async () => {
    const combos = ACTIVITIES.flatMap((activity) => STATUSES.map((status) => ({ activity, status })));
    serve('/all.xml', `<Projects>${combos.map((c) => `<Project name="${c.activity}-${c.status}" activity="${c.activity}" lastBuildStatus="${c.status}" lastBuildLabel="1" lastBuildTime="2024-06-03T14:05:11Z" webUrl="http://ci/x"/>`).join('')}</Projects>`);
    const r = await poll({ url: `${base}/all.xml` });
    const got = Object.fromEntries(r.jobs.map((j) => [j.key, `${j.status}/${j.lastResult}`]));
    expect(got).toEqual({
      'Sleeping-Success': 'success/success',
      'Sleeping-Failure': 'failed/failed',
      'Sleeping-Exception': 'failed/failed',
      'Sleeping-Unknown': 'notbuilt/null',
      'Building-Success': 'building/success',
      'Building-Failure': 'building/failed',
      'Building-Exception': 'building/failed',
      'Building-Unknown': 'building/null',
      'CheckingModifications-Success': 'success/success',
      'CheckingModifications-Failure': 'failed/failed',
      'CheckingModifications-Exception': 'failed/failed',
      'CheckingModifications-Unknown': 'notbuilt/null',
    });
  });

  it('refuses activity and status values the spec does not know, naming them', async () => {
    serve('/odd.xml', '<Projects><Project name="a" activity="Pending" lastBuildStatus="Success"/><Project name="b" activity="Sleeping" lastBuildStatus="Green"/></Projects>');
    await expect(poll({ url: `${base}/odd.xml` })).rejects.toThrow(
      /project "a" has activity "Pending" \(expected Sleeping, Building, CheckingModifications\); project "b" has lastBuildStatus "Green"/,
    );
  });

  it('says where malformed XML breaks, with line and column', async () => {
    serve('/bad.xml', '<Projects>\n  <Project name="a" activity="Sleeping" lastBuildStatus="Success">\n</Projects>');
    await expect(poll({ url: `${base}/bad.xml` })).rejects.toThrow(/malformed XML from 127\.0\.0\.1:\d+\/bad\.xml at line 3, column \d+: Expected closing tag 'Project'/);
  });

  it('refuses an entity bomb (and any DOCTYPE) instead of expanding it', async () => {
    const bomb = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<Projects><Project name="&lol3;" activity="Sleeping" lastBuildStatus="Success"/></Projects>`;
    serve('/bomb.xml', bomb);
    await expect(poll({ url: `${base}/bomb.xml` })).rejects.toThrow(/has a DOCTYPE: refused/);
    serve('/external.xml', '<!DOCTYPE Projects SYSTEM "file:///etc/passwd"><Projects/>');
    await expect(poll({ url: `${base}/external.xml` })).rejects.toThrow(/has a DOCTYPE: refused/);
  });

  it('leaves undeclared entity references as written', async () => {
    serve('/ref.xml', '<Projects><Project name="a&foo;b&#x41;" activity="Sleeping" lastBuildStatus="Success"/></Projects>');
    expect((await poll({ url: `${base}/ref.xml` })).jobs[0]!.name).toBe('a&foo;bA');
  });

  it('accepts an empty feed, and tells an HTML page or another XML document from a feed', async () => {
    serve('/empty.xml', '<Projects/>');
    expect((await poll({ url: `${base}/empty.xml` })).jobs).toEqual([]);
    serve('/login', '<!DOCTYPE html><html><head><title>Sign in</title></head><body>login</body></html>', 200, 'text/html');
    await expect(poll({ url: `${base}/login` })).rejects.toThrow(/not a CCTray feed: got HTML \("Sign in"\)/);
    serve('/rss.xml', '<rss><channel/></rss>');
    await expect(poll({ url: `${base}/rss.xml` })).rejects.toThrow(/not a CCTray feed .*root element is <rss>, not <Projects>/);
    await expect(poll({ url: `${base}/missing.xml` })).rejects.toThrow(/CCTray: HTTP 404 from/);
  });

  it('sends basic auth from the environment and says when it is refused', async () => {
    serve('/secure/cc.xml', EXAMPLE);
    await expect(poll({ url: `${base}/secure/cc.xml` })).rejects.toThrow(/401.*no credentials configured/);
    await expect(poll({ url: `${base}/secure/cc.xml`, username: 'ci', passwordEnv: 'CC_TOKEN' }, null, { CC_TOKEN: 'wrong' })).rejects.toThrow(
      /authentication failed \(HTTP 401\).*for user "ci"; check username and passwordEnv/,
    );
    await expect(poll({ url: `${base}/secure/cc.xml`, username: 'ci', passwordEnv: 'CC_TOKEN' })).rejects.toThrow(/environment variable CC_TOKEN is not set/);
    const r = await poll({ url: `${base}/secure/cc.xml`, username: 'ci', passwordEnv: 'CC_TOKEN' }, null, { CC_TOKEN: 't0ken' });
    expect(r.jobs).toHaveLength(5);
    expect(() => cctraySource.options.parse({ url: `${base}/cc.xml`, username: 'ci' })).toThrow(/username and passwordEnv go together/);
  });

  it('filters projects with include and exclude globs', async () => {
    serve('/cc.xml', EXAMPLE);
    const r = await poll({ url: `${base}/cc.xml`, include: ['platform » *', '*-api', 'storefront'], exclude: ['store*'] });
    expect(r.jobs.map((j) => j.key)).toEqual(['billing-api', 'platform » terraform & plan']);
  });

  it('keeps when a project broke across polls, and ends the streak when it passes', async () => {
    const feed = (status: string, label: string, time: string) =>
      `<Projects><Project name="app" activity="Sleeping" lastBuildStatus="${status}" lastBuildLabel="${label}" lastBuildTime="${time}" webUrl="http://ci/app"/></Projects>`;
    serve('/streak.xml', feed('Failure', '10', '2024-06-03T10:00:00Z'));
    const first = await poll({ url: `${base}/streak.xml` });
    serve('/streak.xml', feed('Failure', '11', '2024-06-03T11:00:00Z'));
    const second = await poll({ url: `${base}/streak.xml` }, first);
    expect(second.jobs[0]!.brokenSince).toBe(Date.parse('2024-06-03T10:00:00Z'));
    serve('/streak.xml', feed('Success', '12', '2024-06-03T12:00:00Z'));
    expect((await poll({ url: `${base}/streak.xml` }, second)).jobs[0]!.brokenSince).toBeNull();
  });

  it('parses the time formats real feeds write', () => {
    expect(parseFeedTime('2024-06-03T14:05:11Z')).toBe(Date.parse('2024-06-03T14:05:11Z'));
    expect(parseFeedTime('2024-06-03T14:05:11.123+0000')).toBe(Date.parse('2024-06-03T14:05:11.123Z'));
    expect(parseFeedTime('2024-06-03T16:05:11.1234567+02:00')).toBe(Date.parse('2024-06-03T14:05:11.123Z'));
    expect(parseFeedTime('2024-06-03T14:05:11')).toBe(Date.parse('2024-06-03T14:05:11Z'));
    expect(parseFeedTime('yesterday')).toBeNull();
  });
});

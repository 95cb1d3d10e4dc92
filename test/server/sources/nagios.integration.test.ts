import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStatusDatFile } from '../../../src/server/sources/nagios/status-dat.js';
import { normalizeStatusJson, type CgiEnvelope } from '../../../src/server/sources/nagios/statusjson.js';
import type { Check } from '../../../src/server/readings/monitoring.js';
import { CLOCK_SLACK_MS } from '../../../src/server/tiles/deploy-expectations.js';
import type { AlertProblem } from '../../../src/shared/views/alerts.js';
import type { AlertsTileView } from '../../../src/shared/tile-view.js';
import { startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';
import { NAGIOS, parseKeyValues, UPSTREAMS } from '../../helpers/upstreams.js';


function run(script: string, ...args: string[]): Record<string, string> {
  const out = execFileSync(path.join(UPSTREAMS, script), args, { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
  return parseKeyValues(out);
}

const label = (p: AlertProblem) => `${p.host}/${p.service ?? '-'}`;
const EVERY_SECOND = '*/1 * * * * *';

// One file for every test against the real daemon: parallel files would race on the port picks.
describe.skipIf(NAGIOS.skip)('nagios source + alerts tile against a real Nagios Core 4 (needs nagios4, nagios4-cgi, lighttpd; skipped when absent)', () => {
  let dir = '';
  let env: Record<string, string> = {};
  let radiator: StartedServer;
  const view = async (tile: string) => (await tileView(radiator.url, 'mon', tile)) as AlertsTileView;
  /** Waits until the tile has data from a successful poll, returns that view. */
  const fresh = (tile: string) => waitFor(async () => {
    const v = await view(tile);
    return v.data.upstream && !v.stale ? v : null;
  }, `tile ${tile} to fill`, 30_000);

  beforeAll(async () => {
    NAGIOS.assertAvailable(); // only runs without the packages when RADIATOR_REQUIRE_UPSTREAMS=1
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-nagios-it-'));
    env = { ...run('start-nagios.sh', dir), ...run('nagios-cgi-server.sh', dir) };
    const url = env.NAGIOS_CGI_BASE!;
    const tile = (id: string, source: string, x: number, options: Record<string, unknown> = {}) => ({ id, widget: 'alerts', source, x, y: 0, options });
    radiator = await startTestServer(
      {
        sources: {
          'nag-http': { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, url: env.NAGIOS_STATUSJSON_URL, username: 'nagiosadmin', passwordEnv: 'NAGIOS_IT_PASSWORD' },
          'nag-file': { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, statusFile: env.STATUS_DAT, objectsCacheFile: path.join(dir, 'var/objects.cache'), intervalLengthSeconds: 1 },
          'nag-file-strict': { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, statusFile: env.STATUS_DAT, intervalLengthSeconds: 1, maxStatusAgeSeconds: 5 },
          'nag-webteam': { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, url, username: 'webteam', passwordEnv: 'NAGIOS_IT_WEBTEAM' },
          'nag-wrong-password': { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, url, username: 'nagiosadmin', passwordEnv: 'NAGIOS_IT_WRONG' },
        },
        boards: {
          mon: {
            title: 'Monitoring',
            columns: 8,
            rows: 1,
            tiles: [
              tile('http', 'nag-http', 0),
              tile('file', 'nag-file', 1),
              tile('web-http', 'nag-http', 2, { hostgroups: ['web'] }),
              tile('web-file', 'nag-file', 3, { hostgroups: ['web'] }),
              tile('customer-facing', 'nag-http', 4, { servicegroups: ['customer-facing'], minState: 'critical' }),
              tile('strict', 'nag-file-strict', 5),
              tile('webteam', 'nag-webteam', 6),
              tile('wrong-password', 'nag-wrong-password', 7),
            ],
          },
        },
      },
      { env: { NAGIOS_IT_PASSWORD: env.NAGIOS_CGI_PASSWORD, NAGIOS_IT_WEBTEAM: 'webteam', NAGIOS_IT_WRONG: 'not-the-password' } },
    );
  });

  afterAll(async () => {
    await radiator?.close();
    if (env.NAGIOS_PID) {
      try {
        process.kill(Number(env.NAGIOS_PID), 'SIGCONT'); // in case a failed test left it stopped
      } catch {
        // already gone: the last test stops it on purpose
      }
    }
    if (dir) {
      execFileSync(path.join(UPSTREAMS, 'stop-nagios.sh'), [dir], { stdio: 'ignore', timeout: 60_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  function sendCommand(line: string): void {
    const now = Math.floor(Date.now() / 1000);
    // the command file is a FIFO: write with a timeout so a missing reader cannot hang the test
    execFileSync('timeout', ['10', 'bash', '-c', 'cat > "$1"', '_', env.COMMAND_FILE!], { input: `[${now}] ${line}\n`, timeout: 15_000 });
  }

  it.each(['http', 'file'])('%s: counts every state the daemon reports', async (tile) => {
    const v = await fresh(tile);
    expect(v.status).toBe('critical');
    expect(v.reason).toBeNull();
    expect(v.data.upstream).toMatchObject({ program: 'Nagios Core 4.4.6', reachable: true, checking: true, detail: null });
    expect(v.data.counts).toEqual({
      hosts: { up: 5, down: 1, unreachable: 1, unknown: 0, pending: 0 },
      services: { ok: 4, warning: 3, critical: 5, unknown: 1, pending: 1 },
    });
    expect(v.data.unhandled).toEqual({ critical: 2, warning: 3, unknown: 2 });
  });

  it.each(['http', 'file'])('%s: lists unhandled problems worst first (critical, unknown/unreachable, warning), soft after hard', async (tile) => {
    const v = await fresh(tile);
    const problems = v.data.problems;
    const age = (p: AlertProblem) => -(p.since ?? 0);
    // within a severity, longest-standing first (ties keep the name order)
    for (let i = 1; i < problems.length; i++) {
      const [a, b] = [problems[i - 1]!, problems[i]!];
      if (a.status === b.status && a.hard === b.hard) expect(age(a)).toBeGreaterThanOrEqual(age(b));
    }
    expect(problems.map(label).slice(0, 2)).toEqual(['web02/HTTPS port', 'web02/API errors']);
    expect(problems.find((p) => p.service === 'API errors')).toMatchObject({ state: 'critical', hard: false, output: 'CRITICAL: error rate 7.5%' });
    // same rank (unknown/unreachable, above warning as in Nagios): their order is their age, which depends on the run
    expect(problems.slice(2, 4).map(label).sort()).toEqual(['app01/Queue', 'edge01/-']);
    expect(problems.slice(4).map(label).sort()).toEqual(['db01/Disk /var', 'web01/HTTP health', 'web02/TCP latency']);
    expect(problems.map((p) => p.status)).toEqual(['critical', 'critical', 'unknown', 'unknown', 'warning', 'warning', 'warning']);
    expect(problems.find((p) => p.host === 'edge01')).toMatchObject({ state: 'unreachable', service: null, output: 'CRITICAL: No route to host' });
    // real plugin output of a real check_http against the busybox web server
    expect(problems.find((p) => p.service === 'HTTP health')!.output).toMatch(/^HTTP WARNING: HTTP\/1\.[01] 404 Not Found/);
    for (const p of problems) expect(p.since).toBeGreaterThan(Date.now() - 10 * 60_000);
  });

  it.each(['http', 'file'])('%s: keeps the acknowledged down host and downtimes apart', async (tile) => {
    const v = await fresh(tile);
    const suppressed = v.data.suppressed;
    expect(suppressed).toMatchObject({ total: 3, acknowledged: 2, inDowntime: 1, more: 0 });
    expect(suppressed.problems.find((p) => p.host === 'legacy01')).toMatchObject({ service: null, state: 'down', acknowledged: true, hiddenServices: 1 });
    expect(suppressed.problems.find((p) => p.service === 'Backup')).toMatchObject({ host: 'app01', state: 'critical', inDowntime: true, acknowledged: false });
    expect(suppressed.problems.find((p) => p.service === 'Replication')).toMatchObject({ host: 'db01', acknowledged: true });
    // who took them and why, from commentlist/downtimelist (http) and the comment and downtime blocks (file)
    const said = (p: AlertProblem | undefined) => p?.comments.map((c) => `${c.kind} by ${c.author}: ${c.text}`);
    expect(said(suppressed.problems.find((p) => p.host === 'legacy01'))).toEqual(['acknowledgement by radiator: Being decommissioned']);
    expect(said(suppressed.problems.find((p) => p.service === 'Replication'))).toEqual(['acknowledgement by radiator: Replica rebuilding, ETA 2h']);
    expect(said(suppressed.problems.find((p) => p.service === 'Backup'))).toEqual(['downtime by radiator: Backup storage migration']);
    expect(suppressed.problems.find((p) => p.service === 'Backup')!.comments[0]!.endsAt).toBeGreaterThan(Date.now());
    // legacy01's failing SSH is folded into the host, not listed anywhere on its own
    expect([...v.data.problems, ...suppressed.problems].some((p) => p.service === 'SSH')).toBe(false);
  });

  it('capture-nagios-samples.sh captures what the parser tests read, from this daemon', async () => {
    const out = path.join(dir, 'samples');
    const printed = run('capture-nagios-samples.sh', out, dir);
    expect(printed.SAMPLES_DIR).toBe(out);
    // every file samples/INDEX.md lists for nagios/ is there, plus the extras
    const committed = readdirSync(fileURLToPath(new URL('../../upstreams/samples/nagios/', import.meta.url)));
    expect(readdirSync(out)).toEqual(expect.arrayContaining([...committed, 'nagios.log', 'objects.cache']));
    // and they read as this daemon's state, in both formats
    const json = (name: string) => JSON.parse(readFileSync(path.join(out, name), 'utf8')) as CgiEnvelope;
    const now = Date.now();
    const fromJson = normalizeStatusJson(
      {
        programstatus: json('statusjson-programstatus.json'),
        hostlist: json('statusjson-hostlist-details.json'),
        servicelist: json('statusjson-servicelist-details.json'),
        hostgrouplist: null,
        servicegrouplist: null,
        commentlist: json('statusjson-commentlist-details.json'),
        downtimelist: json('statusjson-downtimelist-details.json'),
      },
      { maxStatusAgeMs: 180_000, now },
    );
    const fromFile = await readStatusDatFile(path.join(out, 'status.dat'), { intervalLengthSeconds: 1, maxStatusAgeMs: 180_000, groups: null }, now, AbortSignal.timeout(10_000));
    const states = (checks: readonly Check[]) => checks.map((c) => `${c.host}/${c.service ?? '-'}=${c.state}`).sort();
    expect(states(fromJson.checks)).toEqual(states(fromFile.checks));
    expect(fromFile.checks).toHaveLength(21);
    expect(fromJson.upstream).toMatchObject({ program: 'Nagios Core 4.4.6', reachable: true, checking: true });
  });

  it.each(['web-http', 'web-file'])('%s: host groups come from objectjson.cgi / objects.cache', async (tile) => {
    const v = await fresh(tile);
    expect(v.data.counts.hosts).toEqual({ up: 2, down: 0, unreachable: 0, unknown: 0, pending: 0 });
    expect(v.data.problems.map(label).sort()).toEqual(['web01/HTTP health', 'web02/API errors', 'web02/HTTPS port', 'web02/TCP latency']);
  });

  it('service groups and minState filter the list', async () => {
    const v = await fresh('customer-facing');
    expect(v.data.problems.map(label)).toEqual(['web02/HTTPS port']);
    expect(v.data.counts.services).toEqual({ ok: 2, warning: 0, critical: 1, unknown: 0, pending: 0 });
  });

  it('shows what the Nagios user may see: webteam only sees its two hosts', async () => {
    const v = await fresh('webteam');
    expect(v.data.counts.hosts).toEqual({ up: 2, down: 0, unreachable: 0, unknown: 0, pending: 0 });
    expect(v.data.problems.every((p) => p.host === 'web01' || p.host === 'web02')).toBe(true);
  });

  it('a wrong password is a readable reason, not a stack trace and not all clear', async () => {
    const v = await waitFor(async () => {
      const t = await view('wrong-password');
      // on a loaded machine a first poll may time out before the CGIs answer: that is a reason too, but
      // not the one under test; the next poll's 401 is
      return t.reason?.includes('HTTP 401') ? t : null;
    }, 'the wrong-password tile to fail with the 401');
    expect(v.status).toBe('unknown');
    expect(v.stale).toBe(true);
    expect(v.reason).toContain(`authentication failed (HTTP 401) at 127.0.0.1:${env.NAGIOS_CGI_PORT}/nagios4/cgi-bin/`);
    expect(v.reason).toContain('for user "nagiosadmin"; check username and passwordEnv');
    expect(v.reason).not.toMatch(/\n|\bat \S+:\d+:\d+|<html/i);
    expect(v.data.problems).toEqual([]);
    // never reached: the data says so itself, with the same words, so the widget can say "unreachable"
    expect(v.data.upstream).toEqual({ program: '', reachable: false, checking: false, lastUpdate: null, detail: v.reason });
  });

  it('a passive result pushed through the command file arrives on the wall', async () => {
    sendCommand('PROCESS_SERVICE_CHECK_RESULT;app01;Deploy;2;Deploy failed: migration 42 aborted|duration=3s');
    for (const tile of ['http', 'file']) {
      const v = await waitFor(async () => {
        const t = await view(tile);
        return t.data.problems.some((p) => p.service === 'Deploy') ? t : null;
      }, `Deploy CRITICAL on ${tile}`, 30_000);
      expect(v.data.problems.find((p) => p.service === 'Deploy')).toMatchObject({
        host: 'app01',
        state: 'critical',
        hard: true,
        output: 'Deploy failed: migration 42 aborted',
        acknowledged: false,
        inDowntime: false,
      });
      expect(v.data.unhandled.critical).toBe(3);
    }
  });

  it('a new host downtime suppresses the services of that host too', async () => {
    const now = Math.floor(Date.now() / 1000);
    // SCHEDULE_HOST_DOWNTIME leaves the services' own downtime depth at 0; the host's downtime still covers them
    sendCommand(`SCHEDULE_HOST_DOWNTIME;app01;${now};${now + 3600};1;0;3600;radiator;Release window`);
    for (const tile of ['http', 'file']) {
      const v = await waitFor(async () => {
        const t = await view(tile);
        return t.data.suppressed.problems.some((p) => p.service === 'Deploy') ? t : null;
      }, `Deploy suppressed on ${tile}`, 30_000);
      expect(v.data.problems.some((p) => p.host === 'app01')).toBe(false);
      expect(v.data.suppressed.problems.find((p) => p.service === 'Queue')).toMatchObject({ state: 'unknown', inDowntime: true });
      expect(v.data.unhandled).toEqual({ critical: 2, warning: 3, unknown: 1 });
    }
  });

  it('deploy-aware: a problem under a downtime naming a running deploy is expected, and red again once the deploy is over by the grace period', async () => {
    const TOKEN = 'it-deploy-token-0123456789abcdef';
    let offsetMs = 0; // the server's clock: moved past the grace period instead of waiting for it
    const deployBoard = await startTestServer(
      {
        sources: {
          nag: { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, url: env.NAGIOS_STATUSJSON_URL, username: 'nagiosadmin', passwordEnv: 'NAGIOS_IT_PASSWORD', groups: false },
          // status.dat's age is judged on the server's clock: leave room for the jump
          file: { type: 'nagios', schedule: EVERY_SECOND, timeoutMs: 5000, statusFile: env.STATUS_DAT, intervalLengthSeconds: 1, maxStatusAgeSeconds: 3600 },
          ship: { type: 'deploys', tokensEnv: 'IT_DEPLOY_TOKENS' },
        },
        boards: {
          deploy: {
            title: 'Deploy',
            columns: 2,
            rows: 1,
            tiles: ['nag', 'file'].map((source, x) => ({ id: source, widget: 'alerts', source, x, y: 0, options: { hosts: ['web0?'], deploys: 'ship', deployGrace: '2m' } })),
          },
        },
      },
      { env: { NAGIOS_IT_PASSWORD: env.NAGIOS_CGI_PASSWORD, IT_DEPLOY_TOKENS: TOKEN }, now: () => Date.now() + offsetMs },
    );
    const deployView = async (tile: string) => (await tileView(deployBoard.url, 'deploy', tile)) as AlertsTileView;
    const postDeploy = async (status: string) => {
      const res = await fetch(`${deployBoard.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'deploy', id: `run-4411-${status}`, deploy: 'run-4411', env: 'prod', manifest: 'M-4411', status, by: 'deploybot', ticket: { id: 'CHG-77' }, hosts: ['web01', 'web02'] }),
      });
      expect(res.status).toBe(202);
    };
    const find = (rows: AlertProblem[], service: string) => rows.find((p) => p.host === 'web01' && p.service === service);
    try {
      // web02's problems began when the daemon started: the deploy must start later than that by the clock slack
      const before = await waitFor(async () => {
        const v = await deployView('nag');
        return v.data.upstream && !v.stale ? v : null;
      }, 'the deploy board to fill', 30_000);
      const since = before.data.problems.find((p) => p.host === 'web02' && p.service === 'HTTPS port')!.since!;
      await waitFor(() => Date.now() > since + CLOCK_SLACK_MS, 'the clock to pass the slack after web02 broke', 30_000);
      await postDeploy('started');
      const now = Math.floor(Date.now() / 1000);
      // what the deploy tool does: a downtime over the host naming the deploy; then the service it restarts fails
      sendCommand(`SCHEDULE_HOST_DOWNTIME;web01;${now};${now + 3600};1;0;3600;deploybot;Deploy M-4411 (CHG-77)`);
      sendCommand('DISABLE_SVC_CHECK;web01;HTTP'); // so the next active check does not put it back to OK
      sendCommand('PROCESS_SERVICE_CHECK_RESULT;web01;HTTP;2;HTTP CRITICAL - 502 Bad Gateway while the app restarts');
      for (const tile of ['nag', 'file']) {
        const during = await waitFor(async () => {
          const v = await deployView(tile);
          return !v.stale && find(v.data.expected.problems, 'HTTP') ? v : null;
        }, `web01/HTTP expected during the deploy on ${tile}`, 30_000);
        expect(find(during.data.expected.problems, 'HTTP')).toMatchObject({
          state: 'critical',
          inDowntime: true,
          output: 'HTTP CRITICAL - 502 Bad Gateway while the app restarts',
          expected: { key: 'prod/deploy:run-4411', label: 'M-4411', via: 'downtime' },
          comments: [expect.objectContaining({ kind: 'downtime', author: 'deploybot', text: 'Deploy M-4411 (CHG-77)' })],
        });
        expect(find(during.data.problems, 'HTTP')).toBeUndefined();
        // everything on web01 is under the deploy's downtime, its older warning too; web02's problems are on a
        // deploying host but began before the deploy did, and no downtime names it: still red
        expect(find(during.data.expected.problems, 'HTTP health')).toMatchObject({ state: 'warning', expected: { via: 'downtime' } });
        expect(during.data.problems.map(label).sort()).toEqual(['web02/API errors', 'web02/HTTPS port', 'web02/TCP latency']);
        expect(during.data.deploys).toMatchObject({ source: 'ship', current: true, active: [{ key: 'prod/deploy:run-4411', label: 'M-4411', status: 'started', expectedUntil: null }] });
      }

      await postDeploy('succeeded');
      const within = await waitFor(async () => {
        const v = await deployView('nag');
        return v.data.deploys?.active[0]?.status === 'succeeded' ? v : null;
      }, 'the deploy to succeed', 30_000);
      const { endedAt, expectedUntil } = within.data.deploys!.active[0]!;
      expect(expectedUntil).toBe(endedAt! + 120_000);
      expect(find(within.data.expected.problems, 'HTTP')).toBeDefined();

      offsetMs = expectedUntil! - Date.now() + 1000; // a second past the grace period, on the server's clock
      for (const tile of ['nag', 'file']) {
        const after = await waitFor(async () => {
          const v = await deployView(tile);
          return !v.stale && find(v.data.problems, 'HTTP') ? v : null;
        }, `web01/HTTP red again on ${tile}`, 30_000);
        // Nagios still has the downtime (an hour), but the deploy it was for is over: it hides nothing
        expect(find(after.data.problems, 'HTTP')).toMatchObject({ state: 'critical', inDowntime: true, expected: null, outlivedDeploy: 'M-4411' });
        expect(after.data.expected.total).toBe(0);
        expect(after.data.deploys!.active).toEqual([]);
        expect(after.status).toBe('critical');
      }
    } finally {
      await deployBoard.close();
    }
  });

  it('a hung daemon (status.dat no longer rewritten) turns the tile unknown: "not executing checks"', async () => {
    await fresh('strict');
    process.kill(Number(env.NAGIOS_PID), 'SIGSTOP');
    try {
      const v = await waitFor(async () => {
        const t = await view('strict');
        return t.status === 'unknown' && t.reason ? t : null;
      }, 'the strict tile to notice the hung daemon', 30_000);
      expect(v.reason).toMatch(/^Nagios is not executing checks: status\.dat was last written \d+ s ago — Nagios stopped or hung\?$/);
      expect(v.data.upstream).toMatchObject({ checking: false });
    } finally {
      process.kill(Number(env.NAGIOS_PID), 'SIGCONT');
    }
    const back = await waitFor(async () => {
      const t = await view('strict');
      return t.status === 'critical' && t.reason === null ? t : null;
    }, 'the strict tile to recover', 30_000);
    expect(back.data.upstream?.checking).toBe(true);
  });

  it('a cleanly stopped Nagios (status.dat deleted) is a stale tile with the reason, in both modes', async () => {
    process.kill(Number(env.NAGIOS_PID), 'SIGTERM');
    const file = await waitFor(async () => {
      const t = await view('file');
      return t.stale && t.reason?.includes('not found') ? t : null;
    }, 'the file tile to notice', 30_000);
    expect(file.reason).toBe(`status.dat not found at ${env.STATUS_DAT} — Nagios stopped? (it deletes status.dat on clean shutdown)`);
    const http = await waitFor(async () => {
      const t = await view('http');
      return t.stale && t.reason ? t : null;
    }, 'the http tile to notice', 30_000);
    expect(http.reason).toMatch(/^empty response from 127\.0\.0\.1:\d+\/nagios4\/cgi-bin\/\w+\.cgi \(HTTP 200\) — is Nagios running\?/);
    for (const v of [file, http]) {
      expect(v.status).toBe('unknown');
      // the store keeps the last good reading; the data must still not claim Nagios is reachable
      expect(v.data.upstream).toMatchObject({ program: 'Nagios Core 4.4.6', reachable: false, detail: v.reason });
      expect(v.data.problems.length).toBeGreaterThan(0); // the last known problems stay listed
    }
  });
});

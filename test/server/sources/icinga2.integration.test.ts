import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalizeIcinga2 } from '../../../src/server/sources/icinga2/normalize.js';
import type { AlertProblem } from '../../../src/shared/views/alerts.js';
import type { AlertsTileView } from '../../../src/shared/tile-view.js';
import { startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';
import { ICINGA2, parseKeyValues, UPSTREAMS } from '../../helpers/upstreams.js';

const label = (p: AlertProblem) => `${p.host}/${p.service ?? '-'}`;
const EVERY_SECOND = '*/1 * * * * *';

describe.skipIf(ICINGA2.skip)('icinga2 source + alerts tile against a real Icinga 2 (needs icinga2-bin and curl; skipped when absent)', () => {
  let dir = '';
  let env: Record<string, string> = {};
  let radiator: StartedServer;
  const view = async (tile: string) => (await tileView(radiator.url, 'mon', tile)) as AlertsTileView;
  const fresh = (tile: string) =>
    waitFor(async () => {
      const v = await view(tile);
      return v.data.upstream && !v.stale ? v : null;
    }, `tile ${tile} to fill`, 30_000);
  const failed = (tile: string) =>
    waitFor(async () => {
      const v = await view(tile);
      return v.reason && v.reason !== 'waiting for the first poll' ? v : null;
    }, `tile ${tile} to fail`, 30_000);

  beforeAll(async () => {
    ICINGA2.assertAvailable(); // only runs without the package when RADIATOR_REQUIRE_UPSTREAMS=1
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-icinga2-it-'));
    const out = execFileSync(path.join(UPSTREAMS, 'start-icinga2.sh'), [dir], { encoding: 'utf8', timeout: 120_000, stdio: ['ignore', 'pipe', 'pipe'] });
    env = parseKeyValues(out);
    const api = env.ICINGA2_API_URL!; // https://127.0.0.1:PORT/v1
    const common = { type: 'icinga2', schedule: EVERY_SECOND, timeoutMs: 5000, url: api, username: 'radiator', passwordEnv: 'ICINGA_IT_PASSWORD' };
    const tile = (id: string, source: string, x: number, options: Record<string, unknown> = {}) => ({ id, widget: 'alerts', source, x, y: 0, options });
    radiator = await startTestServer(
      {
        sources: {
          verified: { ...common, caFile: env.ICINGA2_CA_CRT, tlsServerName: 'radiator-icinga' },
          insecure: { ...common, url: api.replace(/\/v1$/, ''), insecureTls: true },
          'untrusted-cert': { ...common },
          // the viewer may query hosts, services and status only: without comments it sees what it may
          viewer: { ...common, insecureTls: true, username: 'viewer', passwordEnv: 'ICINGA_IT_VIEWER', comments: false },
          'viewer-comments': { ...common, insecureTls: true, username: 'viewer', passwordEnv: 'ICINGA_IT_VIEWER' },
          'wrong-password': { ...common, insecureTls: true, passwordEnv: 'ICINGA_IT_WRONG' },
        },
        boards: {
          mon: {
            title: 'Icinga',
            columns: 7,
            rows: 1,
            tiles: [
              tile('verified', 'verified', 0),
              tile('insecure', 'insecure', 1),
              tile('untrusted-cert', 'untrusted-cert', 2),
              tile('viewer', 'viewer', 3),
              tile('wrong-password', 'wrong-password', 4),
              tile('web', 'verified', 5, { hostgroups: ['web'] }),
              tile('viewer-comments', 'viewer-comments', 6),
            ],
          },
        },
      },
      { env: { ICINGA_IT_PASSWORD: env.ICINGA2_API_PASSWORD, ICINGA_IT_VIEWER: 'viewer', ICINGA_IT_WRONG: 'nope' } },
    );
  });

  afterAll(async () => {
    await radiator?.close();
    if (dir) {
      execFileSync(path.join(UPSTREAMS, 'stop-icinga2.sh'), [dir], { stdio: 'ignore', timeout: 60_000 });
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.each(['verified', 'insecure', 'viewer'])('%s: counts, problems and handled problems', async (tile) => {
    const v = await fresh(tile);
    expect(v.data.upstream).toMatchObject({ program: 'Icinga 2 r2.13.6-1', reachable: true, checking: true, detail: null });
    const hosts = v.data.counts.hosts;
    // edge01 is DOWN, or UNREACHABLE when its parent legacy01 was checked first: both are right
    expect([hosts.up, hosts.down + hosts.unreachable, hosts.pending]).toEqual([3, 2, 0]);
    expect(v.data.counts.services).toEqual({ ok: 2, warning: 1, critical: 3, unknown: 1, pending: 1 });
    expect(v.status).toBe('critical');
    expect(v.data.problems.map(label).sort()).toEqual(['app01/Queue', 'db01/Disk /var', 'edge01/-', 'web01/HTTP']);
    expect(v.data.problems.find((p) => p.service === 'HTTP')).toMatchObject({ state: 'critical', hard: true, output: 'connect to address 127.0.0.1 and port 1: Connection refused' });
    expect(v.data.suppressed).toMatchObject({ total: 3, acknowledged: 2, inDowntime: 1 });
    expect(v.data.suppressed.problems.map(label).sort()).toEqual(['app01/Backup', 'db01/Replication', 'legacy01/-']);
    const said = (service: string | null) => v.data.suppressed.problems.find((p) => p.service === service)!.comments.map((c) => `${c.kind} by ${c.author}: ${c.text}`);
    expect(said('Replication')).toEqual(tile === 'viewer' ? [] : ['acknowledgement by radiator: Replica rebuilding, ETA 2h']);
    expect(said(null)).toEqual(tile === 'viewer' ? [] : ['acknowledgement by radiator: Being decommissioned']);
    expect(said('Backup')).toEqual(tile === 'viewer' ? [] : ['downtime by radiator: Backup storage migration']);
  });

  it('an API user without objects/query/Comment is told which permission, and how to do without', async () => {
    const v = await failed('viewer-comments');
    expect(v.status).toBe('unknown');
    expect(v.reason).toBe('comments not visible — Icinga answers 404 when the API user lacks objects/query/Comment; grant it, or set "comments": false on this source');
  });

  it('capture-icinga2-samples.sh captures what the parser tests read, from this daemon', () => {
    const out = path.join(dir, 'samples');
    execFileSync(path.join(UPSTREAMS, 'capture-icinga2-samples.sh'), [out, dir], { stdio: 'ignore', timeout: 60_000 });
    const committed = readdirSync(fileURLToPath(new URL('../../upstreams/samples/icinga2/', import.meta.url)));
    expect(readdirSync(out).sort()).toEqual(committed.sort());
    const json = (name: string) => JSON.parse(readFileSync(path.join(out, name), 'utf8')) as unknown;
    const r = normalizeIcinga2(
      {
        application: json('icinga2-status-IcingaApplication.json'),
        hosts: json('icinga2-objects-hosts.json'),
        services: json('icinga2-objects-services.json'),
        comments: json('icinga2-objects-comments.json'),
        downtimes: json('icinga2-objects-downtimes.json'),
      },
      { maxStatusAgeMs: 180_000, now: Date.now() },
    );
    expect(r.checks.filter((c) => c.service !== null)).toHaveLength(8);
    expect(r.upstream).toMatchObject({ program: 'Icinga 2 r2.13.6-1', reachable: true });
    expect(readFileSync(path.join(out, 'icinga2-401.http'), 'utf8')).toMatch(/^HTTP\/1\.1 401 /);
  });

  it('host groups filter (Icinga host groups)', async () => {
    const v = await fresh('web');
    expect(v.data.counts.hosts).toEqual({ up: 1, down: 0, unreachable: 0, unknown: 0, pending: 0 });
    expect(v.data.problems.map(label)).toEqual(['web01/HTTP']);
  });

  it('a certificate from an unknown CA is refused without caFile, with words for the wall', async () => {
    const v = await failed('untrusted-cert');
    expect(v.status).toBe('unknown');
    expect(v.reason).toMatch(new RegExp(`^TLS error from 127\\.0\\.0\\.1:${env.ICINGA2_API_PORT}: `));
  });

  it('a wrong password is "authentication failed (HTTP 401)"', async () => {
    const v = await failed('wrong-password');
    expect(v.reason).toMatch(/^authentication failed \(HTTP 401\) at 127\.0\.0\.1:\d+\/v1\/\S+ for user "radiator"; check username and passwordEnv$/);
    expect(v.data.upstream).toEqual({ program: '', reachable: false, checking: false, lastUpdate: null, detail: v.reason });
  });

  it('a check result processed through the API arrives on the wall', async () => {
    execFileSync('curl', [
      '-sk', '--fail', '-u', `radiator:${env.ICINGA2_API_PASSWORD}`, '-H', 'Accept: application/json', '-X', 'POST',
      `${env.ICINGA2_API_URL}/actions/process-check-result`,
      '-d', JSON.stringify({ type: 'Service', filter: 'host.name=="app01" && service.name=="Deploy"', exit_status: 2, plugin_output: 'Deploy failed\nstep 3 of 5' }),
    ], { timeout: 15_000 });
    const v = await waitFor(async () => {
      const t = await view('verified');
      return t.data.problems.some((p) => p.service === 'Deploy') ? t : null;
    }, 'Deploy CRITICAL', 30_000);
    expect(v.data.problems.find((p) => p.service === 'Deploy')).toMatchObject({ host: 'app01', state: 'critical', output: 'Deploy failed' });
  });

  it('a downtime scheduled over a host through the API reaches its failing service with its author and reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    execFileSync('curl', [
      '-sk', '--fail', '-u', `radiator:${env.ICINGA2_API_PASSWORD}`, '-H', 'Accept: application/json', '-X', 'POST',
      `${env.ICINGA2_API_URL}/actions/schedule-downtime`,
      '-d', JSON.stringify({ type: 'Host', filter: 'host.name=="web01"', author: 'deploybot', comment: 'Deploy M-4411 (CHG-77)', start_time: now, end_time: now + 3600, fixed: true, all_services: true }),
    ], { timeout: 15_000 });
    const v = await waitFor(async () => {
      const t = await view('verified');
      return t.data.suppressed.problems.some((p) => p.host === 'web01' && p.service === 'HTTP') ? t : null;
    }, 'web01/HTTP in downtime', 30_000);
    // the host's downtime and the copy Icinga makes for each service (all_services) read as one
    expect(v.data.suppressed.problems.find((p) => p.host === 'web01' && p.service === 'HTTP')!.comments).toEqual([
      expect.objectContaining({ kind: 'downtime', author: 'deploybot', text: 'Deploy M-4411 (CHG-77)', endsAt: (now + 3600) * 1000 }),
    ]);
  });

  it('a stopped Icinga is unreachable, with the last known problems kept (runs last: it stops the daemon)', async () => {
    const before = await fresh('verified');
    execFileSync(path.join(UPSTREAMS, 'stop-icinga2.sh'), [dir], { stdio: 'ignore', timeout: 60_000 });
    const v = await waitFor(async () => {
      const t = await view('verified');
      return t.stale && t.data.upstream?.reachable === false ? t : null;
    }, 'the verified tile to notice the stopped daemon', 30_000);
    expect(v.status).toBe('unknown');
    expect(v.reason).toMatch(/^connection (refused|reset) by 127\.0\.0\.1:\d+$/);
    expect(v.data.upstream).toMatchObject({ program: before.data.upstream!.program, reachable: false, detail: v.reason });
    expect(v.data.problems.map(label)).toEqual(before.data.problems.map(label));
  });
});

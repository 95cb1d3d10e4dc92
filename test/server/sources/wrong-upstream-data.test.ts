import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AlertsTileView, GraphTileView, LatencyTileView } from '../../../src/shared/tile-view.js';
import { getJson, startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';
import { startFakeNode, type FakeNode } from './munin/fake-node.js';

/**
 * Issue 8, item 3, as a display sees it: upstreams that answer, but wrongly. Each must show as what it
 * is (an unknown state, a failed poll with its reason), never as green and never as nothing.
 */
const programstatus = readFileSync(new URL('../../upstreams/samples/nagios/statusjson-programstatus.json', import.meta.url), 'utf8');
const QUERY_TIME = 1_795_535_847_000;
const envelope = (data: Record<string, unknown>) =>
  JSON.stringify({ result: { query_time: QUERY_TIME, last_data_update: QUERY_TIME, user: 'nagiosadmin', type_code: 0, type_text: 'Success' }, data });
const checked = (status: unknown, output: string) => ({ status, plugin_output: output, has_been_checked: true, state_type: 1, last_check: QUERY_TIME - 5000, last_state_change: QUERY_TIME - 60_000 });

let upstream: http.Server;
let base = '';
let munin: FakeNode;
beforeAll(async () => {
  upstream = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    const [, behaviour] = url.pathname.split('/');
    const query = url.searchParams.get('query');
    const json = (body: string) => void res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    if (behaviour === 'loop') return void res.writeHead(301, { location: url.pathname }).end();
    if (query === 'programstatus') return json(programstatus);
    if (query === 'commentlist' || query === 'downtimelist') return json(envelope({ [query]: {} }));
    if (behaviour === 'critical-text') {
      // Nagios says CRITICAL in a form the adapter never knew; before, the tile said all clear
      if (query === 'hostlist') return json(envelope({ hostlist: { db01: checked(2, 'PING OK') } }));
      return json(envelope({ servicelist: { db01: { Disk: checked('CRITICAL', 'DISK CRITICAL - / is 100% full') } } }));
    }
    if (behaviour === 'bad-rows') {
      // host rows that are not objects; before, they became three DOWN hosts with empty output
      if (query === 'hostlist') return json(envelope({ hostlist: { web1: 'x', web2: 4, web3: null } }));
      return json(envelope({ servicelist: {} }));
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  munin = await startFakeNode('web1', { quiet: { config: [], fetch: () => [] } });
});
afterAll(async () => {
  upstream.closeAllConnections();
  upstream.close();
  await munin.close();
});

const schedule = '*/2 * * * * *';
const config = () => ({
  sources: {
    critical: { type: 'nagios', schedule, url: `${base}/critical-text/cgi-bin`, groups: false, maxStatusAgeSeconds: 1e9 },
    rows: { type: 'nagios', schedule, url: `${base}/bad-rows/cgi-bin`, groups: false, maxStatusAgeSeconds: 1e9 },
    probe: { type: 'http', schedule, targets: [{ name: 'loop', url: `${base}/loop` }] },
    munin: { type: 'munin', schedule, nodes: [`127.0.0.1:${munin.port}`] },
  },
  boards: {
    wall: {
      title: 'Wall',
      columns: 4,
      rows: 1,
      tiles: [
        { id: 'critical', widget: 'alerts', source: 'critical', x: 0, y: 0 },
        { id: 'rows', widget: 'alerts', source: 'rows', x: 1, y: 0 },
        { id: 'loop', widget: 'latency', source: 'probe', x: 2, y: 0 },
        { id: 'graph', widget: 'graph', source: 'munin', x: 3, y: 0 },
      ],
    },
  },
});

describe('upstreams that answer wrongly, on the wall', () => {
  let app: StartedServer;
  beforeAll(async () => {
    app = await startTestServer(config());
  });
  afterAll(() => app?.close());
  /** The tile once its source has been polled (it no longer waits for the first poll). */
  const polled = <T>(id: string) =>
    waitFor(async () => {
      const view = await tileView(app.url, 'wall', id);
      return view.updatedAt !== null || (view.reason && !view.reason.startsWith('waiting for the first poll')) ? (view as T) : null;
    }, `tile ${id} to be polled`);

  it('a service state Nagios sends as "CRITICAL" is an unknown problem, counted and listed, not all clear', async () => {
    const view = await polled<AlertsTileView>('critical');
    expect(view.status).toBe('unknown');
    expect(view.data.counts.services).toEqual({ ok: 0, warning: 0, critical: 0, unknown: 1, pending: 0 });
    expect(view.data.problems).toEqual([
      expect.objectContaining({ host: 'db01', service: 'Disk', state: 'unknown', status: 'unknown', output: 'state "CRITICAL" not understood: DISK CRITICAL - / is 100% full' }),
    ]);
  });

  it('host rows that are not objects fail the poll with the reason, instead of becoming DOWN hosts', async () => {
    const view = await polled<AlertsTileView>('rows');
    expect(view).toMatchObject({ status: 'unknown', stale: true });
    expect(view.reason).toBe(
      'unexpected answer from statusjson.cgi query=hostlist: data.hostlist.web1 is a string ("x"), expected a host\'s details (an object of fields; Radiator asks with details=true)',
    );
    expect(view.data.problems).toEqual([]);
    expect(view.data.counts.hosts.down).toBe(0);
  });

  it('a redirect loop is a failed probe with the reason, not an OK latency', async () => {
    const view = await polled<LatencyTileView>('loop');
    expect(view).toMatchObject({ status: 'unknown', stale: true });
    expect(view.reason).toBe(`redirect loop: ${base}/loop redirects (HTTP 301) back to ${base}/loop`);
  });

  it('a munin plugin that answers with nothing says so, instead of "no series matches " with an empty list', async () => {
    const view = await polled<GraphTileView>('graph');
    expect(view.reason).not.toMatch(/no series matches/);
    expect(view.reason).toBe('quiet: the plugin answered with no fields (empty config and fetch replies)');
    expect(view.data.series.map((s) => [s.key, s.detail])).toEqual([['web1/quiet', 'the plugin answered with no fields (empty config and fetch replies)']]);
    expect((await getJson(`${app.url}/healthz`)).status).toBe(200);
  });
});

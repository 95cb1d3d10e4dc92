import http from 'node:http';
import type { AddressInfo } from 'node:net';
import autocannon from 'autocannon';
import { afterEach, describe, expect, it } from 'vitest';
import type { TrendTileView } from '../../../src/shared/tile-view.js';
import { startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';

const TOKEN = 'perf-token-0123456789abcdef';

/** A service whose every answer takes `delayMs` (its own latency, the thing under test). */
async function startService(): Promise<{ url: string; setDelay(ms: number): void; close(): Promise<void> }> {
  let delayMs = 0;
  const server = http.createServer((_req, res) => {
    setTimeout(() => res.writeHead(200, { 'content-type': 'text/plain' }).end('ok\n'), delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/checkout`,
    setDelay: (ms) => (delayMs = ms),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let app: StartedServer | undefined;
let service: Awaited<ReturnType<typeof startService>> | undefined;
afterEach(async () => {
  await app?.close();
  await service?.close();
  app = undefined;
  service = undefined;
});

describe('autocannon per revision, posted through POST /api/v1/perf/autocannon', () => {
  it('turns the trend tile red at r7, the revision that made the service slow, naming its commit', { timeout: 120_000 }, async () => {
    app = await startTestServer(
      {
        sources: { perf: { type: 'perf', tokensEnv: 'PERF_TOKENS', baselineRuns: 4, tolerancePercent: 100 } },
        boards: { perf: { title: 'Perf', columns: 2, rows: 2, tiles: [{ id: 'shop', widget: 'trend', source: 'perf', x: 0, y: 0, w: 2, h: 2, options: { metrics: ['shop p50 latency'] } }] } },
      },
      { env: { PERF_TOKENS: TOKEN } },
    );
    service = await startService();

    for (let n = 1; n <= 10; n++) {
      // r7 loads the order history eagerly: every request waits four times as long
      service.setDelay(n >= 7 ? 80 : 20);
      // a fixed amount of requests, so each run is short whatever the machine's speed
      const result = await autocannon({ url: service.url, connections: 10, amount: 100, title: 'shop' });
      expect(result.errors, `r${n}: autocannon saw errors`).toBe(0);
      const commit = n === 7 ? 'c0ffee7|Dana Whitfield|Load the order history eagerly' : `c${n}|CI bot|Routine change ${n}`;
      const query = new URLSearchParams({ revision: `r${n}`, commit });
      const response = await fetch(`${app.url}/api/v1/perf/autocannon?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body: JSON.stringify(result),
      });
      expect(response.status, await response.clone().text()).toBe(202);
    }

    const view = (await waitFor(async () => {
      const v = await tileView(app!.url, 'perf', 'shop');
      return v.status === 'critical' ? v : null;
    }, 'the trend tile to turn critical')) as TrendTileView;
    expect(view.data.regression).toMatchObject({
      metric: 'shop p50 latency',
      revision: 'r7',
      commits: [{ id: 'c0ffee7', author: 'Dana Whitfield', message: 'Load the order history eagerly' }],
      commitsFrom: 'event',
      runLength: 4,
    });
    expect(view.data.regression!.changePercent).toBeGreaterThan(150);
    expect(view.data.series[0]!.points.map((p) => p.verdict)).toEqual(['learning', 'learning', 'learning', 'learning', 'ok', 'ok', 'regressed', 'regressed', 'regressed', 'regressed']);
    expect(view.data.revisions.map((r) => r.revision)).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6', 'r7', 'r8', 'r9', 'r10']);
  });
});

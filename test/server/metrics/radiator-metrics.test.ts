import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpServiceStandIn } from '../../../src/server/standins/http-service.js';
import type { RunningStandIn } from '../../../src/server/standins/stand-in.js';
import { joinBoard, startTestServer, waitFor, type StartedServer } from '../../helpers/test-server.js';

const config = (port: number) => ({
  sources: { shop: { type: 'http', schedule: '*/10 * * * * *', targets: [{ name: 'checkout', url: `http://127.0.0.1:${port}/checkout` }] } },
  boards: {
    ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0 }] },
    other: { title: 'Other', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] },
  },
});

/** One sample of the exposition text, by metric name and exact label set; undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2] ? match[2].split(',') : [];
    if (have.length === wanted.length && wanted.every((label) => have.includes(label))) return Number(match[3]);
  }
  return undefined;
}

async function scrape(url: string): Promise<string> {
  const res = await fetch(`${url}/metrics`);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
  return res.text();
}

let standIn: RunningStandIn;
let app: StartedServer;

beforeAll(async () => {
  standIn = await httpServiceStandIn.start(0);
  // no timer ticks: after the poll every server makes at start, polls happen when the test asks
  app = await startTestServer(config(standIn.port), { schedule: () => ({ stop() {} }) });
});
afterAll(async () => {
  await app?.close();
  await standIn?.stop();
});

describe('GET /metrics', () => {
  it('counts polls with their outcome and duration, displays per board, deltas and bytes sent, and staleness', async () => {
    await waitFor(async () => sample(await scrape(app.url), 'radiator_source_polls_total', { source: 'shop', outcome: 'ok' }) === 1, 'the first poll to be counted');
    const display = await joinBoard(app.url, 'ops');
    try {
      expect(display.joined).toEqual({ ok: true });
      expect(await app.server.scheduler.poll('shop')).toBe('ok');
      await waitFor(() => display.updates.length > 0, 'a delta after the poll');

      const live = await scrape(app.url);
      expect(sample(live, 'radiator_source_polls_total', { source: 'shop', outcome: 'ok' })).toBe(2);
      expect(sample(live, 'radiator_source_polls_total', { source: 'shop', outcome: 'failed' })).toBeUndefined();
      expect(sample(live, 'radiator_source_poll_duration_seconds_count', { source: 'shop' })).toBe(2);
      expect(sample(live, 'radiator_source_poll_duration_seconds_sum', { source: 'shop' })).toBeGreaterThan(0);
      expect(sample(live, 'radiator_displays', { board: 'ops' })).toBe(1);
      expect(sample(live, 'radiator_displays', { board: 'other' })).toBe(0);
      expect(sample(live, 'radiator_deltas_emitted_total', { board: 'ops' })).toBeGreaterThanOrEqual(1);
      expect(sample(live, 'radiator_tile_views_emitted_total', { board: 'ops', event: 'board:snapshot' })).toBe(1);
      expect(sample(live, 'radiator_tile_views_emitted_total', { board: 'ops', event: 'tile:update' })).toBeGreaterThanOrEqual(1);
      expect(sample(live, 'radiator_socket_bytes_sent_total')).toBeGreaterThan(JSON.stringify(display.snapshot).length);
      expect(sample(live, 'radiator_source_stale', { source: 'shop' })).toBe(0);
      expect(sample(live, 'radiator_event_loop_delay_seconds', { quantile: '0.99' })).toBeGreaterThanOrEqual(0);
      expect(sample(live, 'process_resident_memory_bytes')).toBeGreaterThan(0);
      // kept in memory only: nothing to say about saving
      expect(sample(live, 'radiator_state_saving')).toBeUndefined();

      await standIn.stop();
      expect(await app.server.scheduler.poll('shop')).toBe('failed');
      const down = await scrape(app.url);
      expect(sample(down, 'radiator_source_polls_total', { source: 'shop', outcome: 'failed' })).toBe(1);
      expect(sample(down, 'radiator_source_poll_duration_seconds_count', { source: 'shop' })).toBe(3);
      expect(sample(down, 'radiator_source_stale', { source: 'shop' })).toBe(1);
    } finally {
      display.socket.close();
    }
    await waitFor(async () => sample(await scrape(app.url), 'radiator_displays', { board: 'ops' }) === 0, 'the display to be gone from the gauge');
  });

  it('says whether state is being saved when it is kept on disk', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'radiator-metrics-'));
    const persisted = await startTestServer(config(1), { dataDir, schedule: () => ({ stop() {} }) });
    try {
      expect(sample(await scrape(persisted.url), 'radiator_state_saving')).toBe(1);
    } finally {
      await persisted.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

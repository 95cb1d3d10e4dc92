import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { parseFmeaText } from '../../../src/server/fmea/fmea-text.js';
import { rpn } from '../../../src/server/fmea/rpn.js';
import type { FmeaReading, FmeaReadingDocument } from '../../../src/server/readings/fmea.js';
import type { IncidentsReading } from '../../../src/server/readings/incidents.js';
import type { Check, MonitoringReading } from '../../../src/server/readings/monitoring.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { bindTile } from '../../../src/server/boards/board-model.js';
import { projectTile } from '../../../src/server/tiles/project-tile.js';
import type { RiskTileView } from '../../../src/shared/tile-view.js';
import { monitoringCheck as check, monitoringReading } from '../../helpers/monitoring-fixtures.js';

const MIN = 60_000;
const T0 = Date.UTC(2030, 5, 30, 12);
const FILE = 'config/fmea/database-storage.json';

function databaseStorage(): FmeaReadingDocument {
  const parsed = parseFmeaText(readFileSync(FILE, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { $schema: _schema, ...document } = parsed.document;
  return { ...document, modes: document.modes.map((m) => ({ ...m, rpn: rpn(m.severity, m.occurrence, m.detection) })) };
}

const fmea = (at: number, error: FmeaReading['files'][number]['error'] = null): FmeaReading => ({
  type: 'fmea',
  at,
  files: [{ file: FILE, document: databaseStorage(), loadedAt: T0, error, seen: null }],
});

const nagios = (at: number, states: { host?: Check['state']; disk?: Check['state'] } = {}): MonitoringReading =>
  monitoringReading(at, [check('db01', null, states.host ?? 'up'), check('db01', 'Disk /', states.disk ?? 'ok'), check('web01', 'HTTP', 'critical')]);

const SOURCES = {
  risks: { type: 'fmea', schedule: '*/5 * * * * *', files: [FILE] },
  'demo-nagios': { type: 'nagios', schedule: '*/15 * * * * *', url: 'http://127.0.0.1:1/nagios4/cgi-bin' },
  'shop-munin': { type: 'munin', schedule: '*/15 * * * * *', nodes: ['127.0.0.1:1'] },
  'demo-deploys': { type: 'deploys' },
  incidents: { type: 'incidents' },
};

function riskTileWith(options: Record<string, unknown>) {
  const config = validateConfig(
    { sources: SOURCES, boards: { risk: { title: 'Risk', columns: 1, rows: 1, tiles: [{ id: 'risk', widget: 'risk', source: 'risks', x: 0, y: 0, options }] } } },
    'test.json',
    builtInKinds,
  );
  return bindTile(config.boards.risk!.tiles[0]!, builtInKinds.tiles);
}

const ALL_EVIDENCE = { evidenceFrom: ['demo-nagios', 'shop-munin', 'demo-deploys', 'incidents'] };

function storeAt(now: number): MemoryStore {
  // polled every 10 min here, so what a test recorded stays current while it looks
  const spec = { intervalMs: 600_000, historyMs: 3_600_000 };
  const store = new MemoryStore({
    risks: spec,
    'demo-nagios': spec,
    'shop-munin': spec,
    'demo-deploys': { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 },
    incidents: { arrives: 'pushed', intervalMs: null, historyMs: 3_600_000 },
  });
  store.recordSuccess('risks', fmea(now));
  store.recordSuccess('shop-munin', { type: 'metrics', at: now, samples: [{ series: 'shop-web1/checkout_latency/p95', value: 300, unit: 'ms', label: 'p95' }] });
  store.recordSuccess('demo-deploys', { type: 'deploys', at: now, deploys: [] });
  return store;
}

const viewOf = (view: ReturnType<typeof projectTile>): RiskTileView => {
  if (view.widget !== 'risk') throw new Error(`expected a risk view, got ${view.widget}`);
  return view;
};

describe('the risk tile', () => {
  it('ranks the example FMEA by assessed RPN while nothing is happening: 120, 112, 72, 21, all ok', () => {
    const store = storeAt(T0);
    store.recordSuccess('demo-nagios', nagios(T0));
    const view = viewOf(projectTile(riskTileWith(ALL_EVIDENCE), store, T0));
    expect(view).toMatchObject({ status: 'ok', reason: null, data: { headline: 'ranked', total: 4, happening: 0, more: 0, rpnScale: 120, compact: null, problems: [] } });
    expect(view.data.modes.map((m) => [m.key, m.rpn.live, m.rank, m.tone, m.active])).toEqual([
      ['database-storage/storage-unavailable', 120, 1, 'ok', null],
      ['database-storage/data-corruption', 112, 2, 'ok', null],
      ['database-storage/high-latency', 72, 3, 'ok', null],
      ['database-storage/disk-full', 21, 4, 'ok', null],
    ]);
    expect(view.data.modes[0]).toMatchObject({
      function: 'Database storage',
      effect: 'Database down: the whole shop is offline',
      nextAction: { action: 'Add a synthetic write probe every 30 s', owner: 'Platform team', due: '2030-01-31', status: 'open' },
    });
  });

  it('puts a mode whose bound check goes CRITICAL at the top, marked, and says why; severity decides critical or warning', () => {
    const store = storeAt(T0);
    store.recordSuccess('demo-nagios', nagios(T0));
    store.recordSuccess('demo-nagios', nagios(T0 + 5 * MIN, { disk: 'critical' }));
    const tile = riskTileWith(ALL_EVIDENCE);
    let view = viewOf(projectTile(tile, store, T0 + 8 * MIN));
    expect(view.status).toBe('warning'); // disk full is severity 7, below criticalSeverity 8
    expect(view.reason).toBe("Disk full happening now (S7): 'db01 / Disk /' CRITICAL");
    expect(view.data.headline).toBe('happening');
    expect(view.data.modes[0]).toMatchObject({
      key: 'database-storage/disk-full',
      rank: 1,
      assessedRank: 4,
      tone: 'warning',
      active: { what: "'db01 / Disk /' CRITICAL", since: T0 + 5 * MIN },
      // one occurrence in a history shorter than the window says less than the assessed O=3: no line for it
      why: ["up from #4 to #1: happening now: 'db01 / Disk /' CRITICAL for 3 min"],
    });

    store.recordSuccess('demo-nagios', nagios(T0 + 10 * MIN, { disk: 'critical', host: 'down' }));
    view = viewOf(projectTile(tile, store, T0 + 10 * MIN));
    expect(view.status).toBe('critical');
    expect(view.data.modes.slice(0, 2).map((m) => [m.key, m.tone])).toEqual([
      ['database-storage/storage-unavailable', 'critical'],
      ['database-storage/disk-full', 'warning'],
    ]);
    expect(view.reason).toBe("Storage unavailable happening now (S10): 'db01' DOWN · 1 more happening");
  });

  it('raises D of a mode reported by an incident that no signal showed, and moves it up', () => {
    const store = storeAt(T0);
    store.recordSuccess('demo-nagios', nagios(T0));
    const incidents: IncidentsReading = {
      type: 'incidents',
      at: T0,
      incidents: [{ key: 'INC-9', mode: 'database-storage/data-corruption', by: 'alice', note: 'invoices wrong', at: T0 - 3 * 60 * MIN, resolvedAt: T0 - 60 * MIN, closesAt: T0 + 60 * MIN }],
    };
    store.recordSuccess('incidents', incidents);
    const view = viewOf(projectTile(riskTileWith(ALL_EVIDENCE), store, T0));
    expect(view.data.modes[0]).toMatchObject({
      key: 'database-storage/data-corruption',
      detection: { assessed: 7, live: 10 },
      occurrence: { assessed: 2, observed: 2, live: 2 },
      rpn: { assessed: 112, live: 160 },
      active: null,
      why: ['up from #2 to #1: live RPN 160 vs assessed 112', 'live D=10 vs assessed D=7: 1 of 1 occurrence in 30 days reported (by alice) but never shown by its signals'],
    });
    expect(view.status).toBe('ok');
  });

  it('shows a broken edit\'s error (the last good version stays) and a signal whose source it may not read, naming file, path and fix', () => {
    const store = storeAt(T0);
    store.recordSuccess('demo-nagios', nagios(T0));
    store.recordSuccess('risks', fmea(T0, { message: `${FILE}: $.modes[2].severity: expected a whole number from 1 to 10 (severity) (got 11)`, problems: [] }));
    const view = viewOf(projectTile(riskTileWith({ evidenceFrom: ['demo-nagios', 'shop-munin'] }), store, T0));
    expect(view.status).toBe('warning');
    expect(view.data.problems).toEqual([
      `${FILE}: $.modes[2].severity: expected a whole number from 1 to 10 (severity) (got 11); showing the version loaded 2030-06-30 12:00 UTC`,
      `${FILE}: $.modes[3].signals.deploys[0].source: source "demo-deploys" is not in this tile's evidenceFrom; add it to the tile's options.evidenceFrom, or fix the source id in the file`,
    ]);
    expect(view.reason).toBe(view.data.problems[0]);
    expect(view.data.modes).toHaveLength(4); // the last good version, whole
  });

  it('is never ok on evidence that is not current, shows the top N and says how many more, and takes compact', () => {
    const store = storeAt(T0);
    store.recordSuccess('demo-nagios', nagios(T0));
    store.recordFailure('demo-nagios', 'connection refused by 127.0.0.1:18702', T0 + MIN);
    const view = viewOf(projectTile(riskTileWith({ ...ALL_EVIDENCE, top: 2, compact: true }), store, T0 + MIN));
    expect(view.status).toBe('unknown');
    // demo-nagios feeds checks; demo-deploys and incidents, never pushed to, say nothing of now
    expect(view.reason).toBe('evidence not current: demo-nagios: connection refused by 127.0.0.1:18702');
    expect(view.data).toMatchObject({ total: 4, more: 2, compact: true });
    expect(view.data.modes.map((m) => m.rank)).toEqual([1, 2]);
  });

  it('waits for its FMEA source, and config validation names a related source of the wrong kind', () => {
    const store = storeAt(T0);
    const empty = new MemoryStore({ risks: { intervalMs: 5_000, historyMs: 60_000 } });
    expect(viewOf(projectTile(riskTileWith({}), empty, T0))).toMatchObject({ status: 'unknown', data: { headline: 'waiting', modes: [] } });
    expect(store.reading('risks')).not.toBeNull();
    expect(() =>
      validateConfig(
        { sources: SOURCES, boards: { risk: { title: 'Risk', columns: 1, rows: 1, tiles: [{ id: 'risk', widget: 'risk', source: 'risks', x: 0, y: 0, options: { evidenceFrom: ['risks'] } }] } } },
        'test.json',
        builtInKinds,
      ),
    ).toThrow('$.boards.risk.tiles[0].options.evidenceFrom[0]: source "risks" (type fmea) gives fmea readings; this option needs a monitoring, metrics, deploys or incidents source');
  });
});

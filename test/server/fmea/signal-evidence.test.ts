import { describe, expect, it } from 'vitest';
import { type EvidenceSources, gatherModeEvidence } from '../../../src/server/fmea/signal-evidence.js';
import type { DeployRecord, DeploysReading } from '../../../src/server/readings/deploys.js';
import type { FmeaMode } from '../../../src/server/readings/fmea.js';
import type { IncidentRecord } from '../../../src/server/readings/incidents.js';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { MemoryStore } from '../../../src/server/store/store.js';
import { monitoringCheck as check, monitoringReading } from '../../helpers/monitoring-fixtures.js';

const MIN = 60_000;
const DAY = 86_400_000;
const NOW = Date.UTC(2030, 5, 30, 12);
const WINDOW_START = NOW - 30 * DAY;

const mode = (signals: Partial<NonNullable<FmeaMode['signals']>>): FmeaMode => ({
  id: 'disk-full',
  failureMode: 'Disk full',
  effect: 'Writes fail',
  severity: 7,
  potentialCause: 'WAL piling up',
  occurrence: 3,
  meansOfDetection: 'check_disk',
  detection: 1,
  actions: [],
  owner: 'Dana',
  rpn: 21,
  signals: { checks: [], series: [], deploys: [], ...signals },
});

/**
 * Evidence sources over a real MemoryStore (which records the state changes as polls come), plus
 * readings of the other kinds by source id.
 */
function sourcesOver(store: MemoryStore, listed: string[], extra: { metrics?: MetricsReading; history?: Record<string, HistoryPoint[]>; deploys?: DeploysReading; incidents?: IncidentRecord[] } = {}): EvidenceSources {
  const reading = (id: string) => store.reading(id);
  return {
    listed: (id) => listed.includes(id),
    readingType: (id) => (id === 'munin' && extra.metrics ? 'metrics' : id === 'deploys' && extra.deploys ? 'deploys' : (reading(id)?.type ?? null)),
    monitoring: (id) => {
      const r = reading(id);
      return r?.type === 'monitoring' ? r : null;
    },
    stateChanges: (id, since) => store.stateChanges(id, since),
    metrics: (id) => (id === 'munin' ? (extra.metrics ?? null) : null),
    history: (_id, series) => extra.history?.[series] ?? [],
    deploys: (id) => (id === 'deploys' ? (extra.deploys ?? null) : null),
    incidents: extra.incidents ?? [],
  };
}

const nagiosStore = () => new MemoryStore({ nagios: { intervalMs: 15_000, historyMs: 3_600_000 } });

describe('evidence of a failure mode from its bound checks', () => {
  it('rebuilds each matching check\'s stretches in a problem state from its state changes, and the one under way is happening now', () => {
    const store = nagiosStore();
    const t0 = NOW - 40 * DAY;
    store.recordSuccess('nagios', monitoringReading(t0, [check('db1', 'Disk /', 'ok'), check('db2', 'Disk /', 'ok'), check('db1', 'Load', 'ok')]));
    store.recordSuccess('nagios', monitoringReading(NOW - 10 * DAY, [check('db1', 'Disk /', 'critical'), check('db2', 'Disk /', 'warning'), check('db1', 'Load', 'critical')]));
    store.recordSuccess('nagios', monitoringReading(NOW - 10 * DAY + 30 * MIN, [check('db1', 'Disk /', 'ok'), check('db2', 'Disk /', 'warning'), check('db1', 'Load', 'ok')]));
    store.recordSuccess('nagios', monitoringReading(NOW - 20 * MIN, [check('db1', 'Disk /', 'critical'), check('db2', 'Disk /', 'critical'), check('db1', 'Load', 'ok')]));

    const found = gatherModeEvidence('db', mode({ checks: [{ source: 'nagios', host: ['db*'], service: ['Disk*'], states: ['critical'] }] }), 2, sourcesOver(store, ['nagios']), WINDOW_START, NOW);
    expect(found.problems).toEqual([]);
    expect(found.evidence).toEqual({
      // known since 40 days ago, less what the store forgot past its 30 days: still the whole window
      signalsKnownSince: NOW - 20 * MIN - 30 * DAY,
      episodes: [
        { signal: 'db1 / Disk /', state: 'CRITICAL', start: NOW - 10 * DAY, end: NOW - 10 * DAY + 30 * MIN },
        { signal: 'db1 / Disk /', state: 'CRITICAL', start: NOW - 20 * MIN, end: null },
        // warning is not among the signal's states: only its change to critical counts
        { signal: 'db2 / Disk /', state: 'CRITICAL', start: NOW - 20 * MIN, end: null },
      ],
      reports: [],
    });
  });

  it('takes a check already in a problem state at the first reading as in it since the upstream says; the host check only without a service', () => {
    const store = nagiosStore();
    store.recordSuccess('nagios', monitoringReading(NOW - 5 * MIN, [check('db1', null, 'down', { lastStateChange: NOW - 2 * DAY }), check('db1', 'PING', 'critical', { lastStateChange: NOW - DAY })]));
    const found = gatherModeEvidence('db', mode({ checks: [{ source: 'nagios', host: ['db1'], states: ['down'] }] }), 0, sourcesOver(store, ['nagios']), WINDOW_START, NOW);
    expect(found.evidence).toEqual({ signalsKnownSince: NOW - 5 * MIN, episodes: [{ signal: 'db1', state: 'DOWN', start: NOW - 2 * DAY, end: null }], reports: [] });
  });

  it('names a signal it cannot read by its path: a source not in evidenceFrom, one of another kind, one where nothing matches', () => {
    const store = new MemoryStore({ nagios: { intervalMs: 15_000, historyMs: 3_600_000 }, web: { intervalMs: 5_000, historyMs: 3_600_000 } });
    store.recordSuccess('nagios', monitoringReading(NOW, [check('db1', 'Disk /', 'ok')]));
    store.recordSuccess('web', { type: 'metrics', at: NOW, samples: [] });
    const signals = {
      checks: [
        { source: 'icinga', host: ['db*'], states: ['critical' as const] },
        { source: 'web', host: ['db*'], states: ['critical' as const] },
        { source: 'nagios', host: ['db*'], service: ['pg_amcheck'], states: ['critical' as const] },
      ],
    };
    const found = gatherModeEvidence('db', mode(signals), 3, sourcesOver(store, ['nagios', 'web']), WINDOW_START, NOW);
    expect(found.evidence).toBeNull();
    expect(found.problems).toEqual([
      { path: '$.modes[3].signals.checks[0].source', message: 'source "icinga" is not in this tile\'s evidenceFrom; add it to the tile\'s options.evidenceFrom, or fix the source id in the file' },
      { path: '$.modes[3].signals.checks[1].source', message: 'source "web" gives metrics readings; checks need a nagios or icinga2 source' },
      { path: '$.modes[3].signals.checks[2]', message: 'no check of "nagios" matches host db* service pg_amcheck; fix the name or glob' },
    ]);
  });
});

describe('evidence from series, deploys and incidents', () => {
  it('counts each stretch of kept history over the threshold as an episode; a gap ends one', () => {
    const metrics: MetricsReading = { type: 'metrics', at: NOW, samples: [{ series: 'web1/latency/p95', value: 900, unit: 'ms', label: 'p95' }, { series: 'web1/load', value: 1, unit: '', label: 'load' }] };
    const points: HistoryPoint[] = [
      [NOW - 50 * MIN, 300],
      [NOW - 45 * MIN, 850],
      [NOW - 40 * MIN, 820],
      [NOW - 35 * MIN, null],
      [NOW - 30 * MIN, 300],
      [NOW - 5 * MIN, 900],
    ];
    const found = gatherModeEvidence(
      'db',
      mode({ series: [{ source: 'munin', series: ['*/latency/*'], threshold: { above: 800 } }] }),
      1,
      sourcesOver(nagiosStore(), ['munin'], { metrics, history: { 'web1/latency/p95': points } }),
      WINDOW_START,
      NOW,
    );
    expect(found.evidence).toEqual({
      signalsKnownSince: NOW - 50 * MIN,
      episodes: [
        { signal: 'web1/latency/p95', state: 'above 800', start: NOW - 45 * MIN, end: NOW - 35 * MIN },
        { signal: 'web1/latency/p95', state: 'above 800', start: NOW - 5 * MIN, end: null },
      ],
      reports: [],
    });
  });

  it('counts failed and rolled-back deploys of matching environments and services, and the mode\'s incidents as reports', () => {
    const deploy = (fields: Partial<DeployRecord>): DeployRecord => ({
      key: 'k',
      env: 'prod',
      service: 'postgres',
      manifest: null,
      version: '16.2',
      status: 'succeeded',
      progress: null,
      step: null,
      by: null,
      ticket: null,
      hosts: [],
      startedAt: NOW - 3 * DAY,
      updatedAt: NOW - 3 * DAY,
      finishedAt: NOW - 3 * DAY + MIN,
      timeoutMs: null,
      message: null,
      ...fields,
    });
    const deploys: DeploysReading = {
      type: 'deploys',
      at: NOW,
      deploys: [
        deploy({ key: 'a', status: 'failed', startedAt: NOW - DAY, finishedAt: NOW - DAY + 5 * MIN }),
        deploy({ key: 'b', status: 'rolled_back', env: 'staging' }),
        deploy({ key: 'c', status: 'rolled_back', service: 'shop', startedAt: NOW - 2 * DAY }),
        deploy({ key: 'd', startedAt: NOW - 9 * DAY }),
      ],
    };
    const incidents: IncidentRecord[] = [
      { key: 'INC-1', mode: 'db/disk-full', by: 'alice', note: null, at: NOW - 3 * DAY, resolvedAt: NOW - 3 * DAY + 40 * MIN, closesAt: NOW - 2 * DAY },
      { key: 'INC-2', mode: 'db/disk-full', by: 'pagerduty', note: null, at: NOW - 2 * DAY, resolvedAt: null, closesAt: NOW - DAY },
      { key: 'INC-3', mode: 'db/other', by: 'bob', note: null, at: NOW - DAY, resolvedAt: null, closesAt: NOW + DAY },
    ];
    const found = gatherModeEvidence(
      'db',
      mode({ deploys: [{ source: 'deploys', env: ['prod'], service: ['postgres*'] }] }),
      0,
      sourcesOver(nagiosStore(), ['deploys'], { deploys, incidents }),
      WINDOW_START,
      NOW,
    );
    expect(found.evidence).toEqual({
      signalsKnownSince: NOW - 9 * DAY,
      episodes: [{ signal: 'prod / postgres 16.2', state: 'failed', start: NOW - DAY, end: NOW - DAY + 5 * MIN }],
      reports: [
        { by: 'alice', start: NOW - 3 * DAY, end: NOW - 3 * DAY + 40 * MIN },
        // never resolved: over once it is past closing
        { by: 'pagerduty', start: NOW - 2 * DAY, end: NOW - DAY },
      ],
    });
  });

  it('has nothing to say of a mode without signals or reports, and only reports for a mode whose signals are all unbound', () => {
    expect(gatherModeEvidence('db', mode({}), 0, sourcesOver(nagiosStore(), []), WINDOW_START, NOW)).toEqual({ evidence: null, problems: [] });
    const incidents: IncidentRecord[] = [{ key: 'x', mode: 'db/disk-full', by: 'alice', note: null, at: NOW - MIN, resolvedAt: null, closesAt: NOW + DAY }];
    expect(gatherModeEvidence('db', mode({}), 0, sourcesOver(nagiosStore(), [], { incidents }), WINDOW_START, NOW).evidence).toEqual({
      signalsKnownSince: null,
      episodes: [],
      reports: [{ by: 'alice', start: NOW - MIN, end: null }],
    });
  });
});

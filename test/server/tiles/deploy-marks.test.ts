import { describe, expect, it } from 'vitest';
import type { DeployRecord, DeploysReading } from '../../../src/server/readings/deploys.js';
import type { MetricsReading } from '../../../src/server/readings/metrics.js';
import type { HistoryPoint } from '../../../src/server/store/history.js';
import { deployMarks, deployMarksOption, MAX_DEPLOY_MARKS } from '../../../src/server/tiles/deploy-marks.js';
import { graphTile } from '../../../src/server/tiles/graph.js';
import { latencyTile } from '../../../src/server/tiles/latency.js';
import type { TileInput } from '../../../src/server/tiles/tile-kind.js';
import { isReadingOf } from '../../../src/server/readings/reading-kind.js';
import { registerTileKind } from '../../../src/server/tiles/registered-tile-kind.js';

const NOW = Date.UTC(2026, 10, 25, 12);
const MIN = 60_000;

function deploy(key: string, minutesAgo: number, extra: Partial<DeployRecord> = {}): DeployRecord {
  const startedAt = NOW - minutesAgo * MIN;
  return {
    key,
    env: 'prod',
    service: null,
    manifest: null,
    version: null,
    status: 'succeeded',
    progress: null,
    step: null,
    by: 'deploy-bot',
    ticket: null,
    hosts: [],
    startedAt,
    updatedAt: startedAt + MIN,
    finishedAt: startedAt + MIN,
    timeoutMs: null,
    message: null,
    ...extra,
  };
}

const deploys = (...records: DeployRecord[]): DeploysReading => ({ type: 'deploys', at: NOW, deploys: records });

/** A tile's view of its related sources: `deploys` when asked for the source named "deploys". */
function relatedOf(reading: DeploysReading | null, stale = false): { related: TileInput['related']; asked: string[] } {
  const asked: string[] = [];
  const related: TileInput['related'] = (sourceId, type) => {
    asked.push(`${sourceId}:${type}`);
    return { reading: sourceId === 'deploys' && reading !== null && isReadingOf(type, reading) ? reading : null, stale };
  };
  return { related, asked };
}

const option = (o: Record<string, unknown>) => deployMarksOption.parse({ source: 'deploys', ...o });

describe('deploy marks', () => {
  const mixed = deploys(
    deploy('d-manifest', 10, { manifest: 'M-4411', version: 'M-4411' }),
    deploy('d-checkout', 5, { service: 'checkout', version: '2.14.1', status: 'failed' }),
    deploy('d-search', 4, { service: 'search', version: '7.0.2', status: 'rolled_back' }),
    deploy('d-staging', 3, { env: 'staging', manifest: 'M-4412' }),
    deploy('d-running', 1, { service: 'checkout', version: '2.14.2', status: 'progress', finishedAt: null }),
    deploy('d-old', 30, { manifest: 'M-4400' }),
  );

  it('marks the deploys within the window, oldest first, labelled by manifest or service and version, with their outcome', () => {
    const { related } = relatedOf(mixed);
    expect(deployMarks(option({ envs: ['prod'] }), related, NOW - 15 * MIN, NOW)).toEqual([
      { key: 'd-manifest', at: NOW - 10 * MIN, label: 'M-4411', env: 'prod', status: 'succeeded' },
      { key: 'd-checkout', at: NOW - 5 * MIN, label: 'checkout 2.14.1', env: 'prod', status: 'failed' },
      { key: 'd-search', at: NOW - 4 * MIN, label: 'search 7.0.2', env: 'prod', status: 'rolled_back' },
      { key: 'd-running', at: NOW - MIN, label: 'checkout 2.14.2', env: 'prod', status: 'running' },
    ]);
  });

  it('keeps the services the tile names, and manifest deploys (they cover every service) unless told not to', () => {
    const { related } = relatedOf(mixed);
    const keys = (o: Record<string, unknown>) => deployMarks(option({ envs: ['prod'], ...o }), related, NOW - 15 * MIN, NOW).map((m) => m.key);
    expect(keys({ services: ['check*'] })).toEqual(['d-manifest', 'd-checkout', 'd-running']);
    expect(keys({ services: ['check*'], manifests: false })).toEqual(['d-checkout', 'd-running']);
    expect(keys({ services: ['nothing'], manifests: false })).toEqual([]);
  });

  it('names the environment in each label when the tile marks deploys of several', () => {
    const { related } = relatedOf(mixed);
    const marks = deployMarks(option({ services: ['none'] }), related, NOW - 15 * MIN, NOW);
    expect(marks.map((m) => [m.label, m.env])).toEqual([
      ['prod M-4411', 'prod'],
      ['staging M-4412', 'staging'],
    ]);
  });

  it('is bounded to the newest, each deploy once', () => {
    const many = Array.from({ length: 50 }, (_, i) => deploy(`d-${i}`, 50 - i, { manifest: `M-${4000 + i}` }));
    // a retried report of the newest, under the same key, a minute later
    const retried = deploy('d-49', 1, { manifest: 'M-4049', updatedAt: NOW });
    const { related } = relatedOf(deploys(retried, ...many.reverse()));
    const marks = deployMarks(option({}), related, NOW - 60 * MIN, NOW);
    expect(marks).toHaveLength(MAX_DEPLOY_MARKS);
    expect(marks.map((m) => m.key)).toEqual(Array.from({ length: MAX_DEPLOY_MARKS }, (_, i) => `d-${30 + i}`));
  });

  it('cuts a long label short', () => {
    const { related } = relatedOf(deploys(deploy('d-long', 1, { service: 'a-service-with-a-very-long-name-indeed', version: '2026.11.25-rc.7+build.1234' })));
    const [mark] = deployMarks(option({}), related, NOW - 15 * MIN, NOW);
    expect(mark!.label).toHaveLength(40);
    expect(mark!.label.endsWith('…')).toBe(true);
  });

  it('keeps the marks of a stale source, but does not claim a deploy it last saw running still runs', () => {
    const { related } = relatedOf(mixed, true);
    const marks = deployMarks(option({ envs: ['prod'] }), related, NOW - 15 * MIN, NOW);
    expect(marks.map((m) => [m.key, m.status])).toEqual([
      ['d-manifest', 'succeeded'],
      ['d-checkout', 'failed'],
      ['d-search', 'rolled_back'],
      ['d-running', 'unknown'],
    ]);
  });

  it('marks nothing without the option, or before the source has any deploys', () => {
    const fresh = relatedOf(mixed);
    expect(deployMarks(undefined, fresh.related, NOW - 15 * MIN, NOW)).toEqual([]);
    expect(fresh.asked).toEqual([]);
    expect(deployMarks(option({}), relatedOf(null).related, NOW - 15 * MIN, NOW)).toEqual([]);
  });
});

describe('deploy marks on latency and graph tiles', () => {
  const metrics: MetricsReading = { type: 'metrics', at: NOW, samples: [{ series: 'checkout', value: 250, unit: 'ms', label: 'checkout' }] };
  const history = (): HistoryPoint[] => [[NOW - 2 * MIN, 120], [NOW, 250]];
  const recent = deploys(deploy('d-1', 5, { manifest: 'M-4411' }), deploy('d-2', 20, { manifest: 'M-4410' }), deploy('d-3', 90, { manifest: 'M-4409' }));
  const input = (reading: MetricsReading | null) => ({ tile: { id: 't', title: 'T', source: 's' }, reading, history, now: NOW + 999, ...relatedOf(recent) });

  it('gives each its own window of marks, ending at the newest reading', () => {
    const latency = latencyTile.project({ ...input(metrics), options: latencyTile.options.parse({ deploys: { source: 'deploys' } }) });
    expect(latency.data.deployMarks.map((m) => m.label)).toEqual(['M-4411']);
    const graph = graphTile.project({ ...input(metrics), options: graphTile.options.parse({ deploys: { source: 'deploys' } }) });
    expect(graph.data.deployMarks.map((m) => m.label)).toEqual(['M-4410', 'M-4411']);
  });

  it('marks nothing, and reads no deploys, without the option or a reading of its own', () => {
    const plain = input(metrics);
    expect(latencyTile.project({ ...plain, options: latencyTile.options.parse({}) }).data.deployMarks).toEqual([]);
    expect(graphTile.project({ ...plain, options: graphTile.options.parse({}) }).data.deployMarks).toEqual([]);
    expect(plain.asked).toEqual([]);
    expect(latencyTile.project({ ...input(null), options: latencyTile.options.parse({ deploys: { source: 'deploys' } }) }).data.deployMarks).toEqual([]);
  });

  it('names the deploys source as one the tile reads, at the path config validation reports', () => {
    for (const kind of [registerTileKind(latencyTile), registerTileKind(graphTile)]) {
      expect(kind.relatedSources({ deploys: { source: 'rollouts', envs: ['prod'] } })).toEqual([{ source: 'rollouts', reads: 'deploys', path: ['deploys', 'source'] }]);
      expect(kind.relatedSources({})).toEqual([]);
      expect(kind.bind({ id: 't', title: 'T', source: 's' }, { deploys: { source: 'rollouts' } }).related).toEqual(['rollouts']);
    }
  });

  it('refuses an option it does not know, naming it', () => {
    const parsed = latencyTile.options.safeParse({ deploys: { source: 'deploys', env: ['prod'] } });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['deploys'], code: 'unrecognized_keys', keys: ['env'] });
  });
});

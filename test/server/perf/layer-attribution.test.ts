import { describe, expect, it } from 'vitest';
import { attributeLayers, describeLayers } from '../../../src/server/perf/layer-attribution.js';

describe('which layer explains a change', () => {
  const baseline: Record<string, number>[] = [{ cpu: 40, db: 60, cache: 2 }, { cpu: 42, db: 62, cache: 2 }, { cpu: 41, db: 61 }];

  it('compares each layer with its median over the baseline, most gained first, with its share of the time gained', () => {
    const changes = attributeLayers({ cpu: 55, db: 91, cache: 1, queue: 6 }, baseline, 10);
    expect(changes.map((c) => [c.layer, c.baseline, c.change, c.moved, c.share])).toEqual([
      ['db', 61, 30, 'up', 30 / 50],
      ['cpu', 41, 14, 'up', 14 / 50],
      ['queue', null, 6, 'new', 6 / 50],
      ['cache', 2, -1, 'down', 0],
    ]);
    expect(describeLayers(changes)).toBe('db +49 %, cpu +34 %, queue new');
    expect(describeLayers(changes, 5)).toBe('db +49 %, cpu +34 %, queue new, cache −50 %');
  });

  it('calls a layer that moved within the tolerance flat, and one from 0 by its amount', () => {
    const changes = attributeLayers({ cpu: 41.5, db: 2.5 }, [{ cpu: 41, db: 0 }], 10);
    expect(changes.map((c) => [c.layer, c.moved, c.changePercent])).toEqual([
      ['db', 'up', null],
      ['cpu', 'flat', expect.closeTo(1.22, 2)],
    ]);
    expect(describeLayers(changes)).toBe('db +2.5, cpu flat');
  });

  it('has nothing to say without layers', () => {
    expect(attributeLayers(null, baseline, 10)).toEqual([]);
    expect(attributeLayers(undefined, [], 10)).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import type { TileView } from '../../../src/shared/tile-view.js';
import { ViewDiff } from '../../../src/server/tiles/view-diff.js';

const view = (id: string, current: number | null, stale = false): TileView => ({
  id,
  widget: 'latency',
  title: id,
  status: 'ok',
  stale,
  reason: null,
  updatedAt: '2026-11-25T12:00:00.000Z',
  data: { unit: 'ms', windowMs: 60_000, series: [] as never[], deployMarks: [], ...({ current } as object) },
});

describe('tile diffing', () => {
  it('sends everything the first time, then only tiles whose view changed', () => {
    const diff = new ViewDiff();
    expect(diff.changed([view('a', 1), view('b', 2)]).map((v) => v.id)).toEqual(['a', 'b']);
    expect(diff.changed([view('a', 1), view('b', 2)])).toEqual([]);
    expect(diff.changed([view('a', 1), view('b', 3)]).map((v) => v.id)).toEqual(['b']);
    expect(diff.changed([view('a', 1, true), view('b', 3)]).map((v) => v.id)).toEqual(['a']);
  });

  it('compares by value, not identity', () => {
    const diff = new ViewDiff();
    diff.changed([view('a', 1)]);
    expect(diff.changed([structuredClone(view('a', 1))])).toEqual([]);
  });
});

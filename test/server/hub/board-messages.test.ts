import { describe, expect, it } from 'vitest';
import type { TileView } from '../../../src/shared/tile-view.js';
import { mergeBoardMessages, type BoardMessage } from '../../../src/server/hub/board-messages.js';

const view = (id: string, title: string): TileView => ({
  id,
  widget: 'number',
  title,
  status: 'ok',
  stale: false,
  reason: null,
  updatedAt: '2026-12-01T12:00:00.000Z',
  data: { key: 'x', label: 'x', unit: '', current: 1, decimals: null, warning: null, critical: null, detail: null, compareMs: 60_000, change: null, points: [] },
});
const tiles = (serverTime: string, ...views: TileView[]): BoardMessage => ({ event: 'tile:update', update: { boardId: 'wall', views, serverTime } });
const notes = (serverTime: string, text: string): BoardMessage => ({
  event: 'board:notes',
  update: { boardId: 'wall', serverTime, notes: [{ source: 'notes', key: text, board: null, text, level: 'info', at: 0, expiresAt: 1 }] },
});

describe('merging board messages not yet sent', () => {
  it('keeps every tile once, the newer view in the older place, new tiles after, and the newer time', () => {
    const merged = mergeBoardMessages(tiles('t1', view('a', 'a1'), view('b', 'b1')), tiles('t2', view('c', 'c2'), view('a', 'a2')));
    expect(merged).toEqual(tiles('t2', view('a', 'a2'), view('b', 'b1'), view('c', 'c2')));
  });

  it('takes the newer banner list whole, and never merges tiles with banners', () => {
    expect(mergeBoardMessages(notes('t1', 'old'), notes('t2', 'new'))).toEqual(notes('t2', 'new'));
    expect(mergeBoardMessages(tiles('t1', view('a', 'a1')), notes('t2', 'new'))).toBeNull();
    expect(mergeBoardMessages(notes('t1', 'old'), tiles('t2', view('a', 'a1')))).toBeNull();
  });
});

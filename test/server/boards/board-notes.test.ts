import { describe, expect, it } from 'vitest';
import { notesShownOn } from '../../../src/server/boards/board-notes.js';
import type { NoteRecord, NotesReading } from '../../../src/server/readings/notes.js';

const T0 = Date.UTC(2030, 0, 1, 12);
const MIN = 60_000;

const record = (key: string, fields: Partial<NoteRecord> = {}): NoteRecord => ({ key, board: null, text: key, level: 'info', at: T0, expiresAt: T0 + 60 * MIN, ...fields });
const reading = (...notes: NoteRecord[]): NotesReading => ({ type: 'notes', at: T0, notes });
const keysOn = (board: string, now: number, ...sources: [string, NotesReading][]) =>
  notesShownOn(board, sources.map(([source, r]) => ({ source, reading: r })), now).map((n) => `${n.source}/${n.key}`);

describe('which notes a board shows', () => {
  it('shows notes for this board and notes for every board, not those for another board', () => {
    const notes = reading(record('all'), record('ops-only', { board: 'ops' }), record('builds-only', { board: 'builds' }));
    expect(keysOn('ops', T0, ['wall', notes])).toEqual(['wall/all', 'wall/ops-only']);
    expect(keysOn('builds', T0, ['wall', notes])).toEqual(['wall/all', 'wall/builds-only']);
    expect(keysOn('metrics', T0, ['wall', notes])).toEqual(['wall/all']);
  });

  it('shows a note from its start until (not at) its expiry', () => {
    const notes = reading(record('later', { at: T0 + 10 * MIN, expiresAt: T0 + 20 * MIN }));
    expect(keysOn('ops', T0 + 10 * MIN - 1, ['wall', notes])).toEqual([]);
    expect(keysOn('ops', T0 + 10 * MIN, ['wall', notes])).toEqual(['wall/later']);
    expect(keysOn('ops', T0 + 20 * MIN - 1, ['wall', notes])).toEqual(['wall/later']);
    expect(keysOn('ops', T0 + 20 * MIN, ['wall', notes])).toEqual([]);
  });

  it('puts the most urgent first, then the newest, across sources', () => {
    const team = reading(record('old-warning', { level: 'warning', at: T0 - 5 * MIN }), record('info'), record('new-warning', { level: 'warning' }));
    const ops = reading(record('outage', { level: 'critical', at: T0 - 30 * MIN }));
    expect(keysOn('ops', T0, ['team', team], ['ops', ops])).toEqual(['ops/outage', 'team/new-warning', 'team/old-warning', 'team/info']);
  });

  it('carries what the display needs, and nothing a restored reading may add', () => {
    const restored = { ...reading(), notes: [{ ...record('a', { board: 'ops', level: 'critical', text: 'DB failover' }), fromANewerVersion: true }] };
    expect(notesShownOn('ops', [{ source: 'wall', reading: restored }], T0)).toEqual([
      { source: 'wall', key: 'a', board: 'ops', text: 'DB failover', level: 'critical', at: T0, expiresAt: T0 + 60 * MIN },
    ]);
  });
});

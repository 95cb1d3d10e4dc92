import { describe, expect, it } from 'vitest';
import { SnapshotFanout } from '../../../src/server/hub/snapshot-fanout.js';

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SnapshotFanout', () => {
  it('answers every join to a board made in one turn with one send', async () => {
    const sends: [string, readonly string[]][] = [];
    const fanout = new SnapshotFanout((board, displays) => sends.push([board, displays]));
    for (let i = 0; i < 50; i++) fanout.request('ops', `d${i % 10}`);
    fanout.request('other', 'd1');
    expect(sends).toEqual([]);
    await nextTurn();
    expect(sends).toEqual([
      ['ops', ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9']],
      ['other', ['d1']],
    ]);
    fanout.request('ops', 'd3');
    await nextTurn();
    expect(sends.at(-1)).toEqual(['ops', ['d3']]);
  });

  it('sends nothing to a display that left or disconnected before its turn', async () => {
    const sends: [string, readonly string[]][] = [];
    const fanout = new SnapshotFanout((board, displays) => sends.push([board, displays]));
    fanout.request('ops', 'a');
    fanout.request('ops', 'b');
    fanout.request('other', 'b');
    expect(fanout.pendingFor('b')).toEqual(['ops', 'other']);
    fanout.cancel('b', 'ops');
    fanout.cancel('a');
    await nextTurn();
    expect(sends).toEqual([['other', ['b']]]);
  });
});

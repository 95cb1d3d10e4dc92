import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAYS_PER_SLICE, MAX_WAITING_UPDATES, UpdateFanout } from '../../../src/server/hub/update-fanout.js';

const displays = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** The messages are labels; merging joins them with "+", except labels starting with "!", which never merge. */
const recorders: { stop: () => void }[] = [];
afterEach(() => recorders.splice(0).forEach((r) => r.stop()));

/** A fan-out whose sends are kept with the turn of the event loop they happened in (counted by an immediate of its own). */
function recorded(options: { failFirstSend?: boolean } = {}) {
  let turn = 0;
  let ticker: NodeJS.Immediate | null = null;
  const tick = () => {
    turn++;
    ticker = setImmediate(tick);
  };
  ticker = setImmediate(tick);
  const sent: { what: string; turn: number; displays: string[] }[] = [];
  const errors: string[] = [];
  const resyncs: { boardId: string; displays: string[] }[] = [];
  let sends = 0;
  const fanout = new UpdateFanout<string>({
    send: (boardId, slice, what) => {
      if (options.failFirstSend && sends++ === 0) throw new Error('socket gone');
      sent.push({ what, turn, displays: slice });
    },
    merge: (older, newer) => (older.startsWith('!') || newer.startsWith('!') ? null : `${older}+${newer}`),
    resync: (boardId, behind) => void resyncs.push({ boardId, displays: behind }),
    onError: (boardId, err) => void errors.push(`${boardId}: ${(err as Error).message}`),
  });
  const recorder = { fanout, sent, errors, resyncs, stop: () => ticker && clearImmediate(ticker) };
  recorders.push(recorder);
  return recorder;
}

describe('update fan-out', () => {
  it('sends to a board with few displays at once, as one write', () => {
    const { fanout, sent } = recorded();
    fanout.publish('ops', displays(DISPLAYS_PER_SLICE), 'u1');
    expect(sent).toEqual([{ what: 'u1', turn: 0, displays: displays(DISPLAYS_PER_SLICE) }]);
  });

  it('sends to many displays a slice per turn, the first slice at once, and the next update only after the last slice of the one before', async () => {
    const { fanout, sent } = recorded();
    const perSlice = DISPLAYS_PER_SLICE;
    const all = displays(2 * perSlice + 3);
    fanout.publish('wall', all, 'u1');
    fanout.publish('wall', all, 'u2');
    fanout.publish('ops', ['x'], 'other board'); // its own board: not behind the wall's
    expect(sent.map((s) => [s.what, s.turn, s.displays.length])).toEqual([
      ['u1', 0, perSlice],
      ['other board', 0, 1],
    ]);
    while (sent.length < 7) await nextTurn();
    expect(sent.map((s) => [s.what, s.turn, s.displays.length])).toEqual([
      ['u1', 0, perSlice],
      ['other board', 0, 1],
      ['u1', 1, perSlice],
      ['u1', 2, 3],
      ['u2', 3, perSlice],
      ['u2', 4, perSlice],
      ['u2', 5, 3],
    ]);
    // every display got each update once, u1 before u2
    for (const what of ['u1', 'u2']) expect(sent.filter((s) => s.what === what).flatMap((s) => s.displays)).toEqual(all);
  });

  it('merges the updates waiting for the same displays into one, and keeps apart those it cannot merge', async () => {
    const { fanout, sent } = recorded();
    const all = displays(2 * DISPLAYS_PER_SLICE);
    fanout.publish('wall', all, 'u1'); // going out
    for (const what of ['u2', 'u3', 'u4', '!notes', 'u5', 'u6']) fanout.publish('wall', all, what);
    while (sent.filter((s) => s.what === 'u5+u6').length < 2) await nextTurn();
    expect([...new Set(sent.map((s) => s.what))]).toEqual(['u1', 'u2+u3+u4', '!notes', 'u5+u6']);
    for (const what of ['u1', 'u2+u3+u4', '!notes', 'u5+u6']) expect(sent.filter((s) => s.what === what).flatMap((s) => s.displays)).toEqual(all);
  });

  it('drops a display that got a fresh snapshot from what is still on its way to it', async () => {
    const { fanout, sent } = recorded();
    const count = 3 * DISPLAYS_PER_SLICE;
    fanout.publish('wall', displays(count), 'u1');
    fanout.superseded('wall', ['d5', `d${DISPLAYS_PER_SLICE + 1}`, `d${count - 1}`]); // d5 already has u1; the others joined again
    while (sent.length < 3) await nextTurn();
    const got = sent.flatMap((s) => s.displays);
    expect(got).toHaveLength(count - 2);
    expect(got).toContain('d5');
    expect(got).not.toContain(`d${DISPLAYS_PER_SLICE + 1}`);
    expect(got).not.toContain(`d${count - 1}`);
  });

  it(`gives up on a backlog of more than ${MAX_WAITING_UPDATES} waiting updates: the displays behind get the board afresh instead`, async () => {
    const { fanout, sent, resyncs } = recorded();
    const all = displays(2 * DISPLAYS_PER_SLICE);
    fanout.publish('wall', all, 'u0');
    // a display joins between every two updates, so no two are for the same displays
    for (let i = 1; i <= MAX_WAITING_UPDATES; i++) fanout.publish('wall', [...all, ...displays(i, 'late')], `u${i}`);
    expect(resyncs).toEqual([]);
    fanout.publish('wall', [...all, ...displays(MAX_WAITING_UPDATES + 1, 'late')], 'one too many');
    expect(resyncs).toHaveLength(1);
    expect(resyncs[0]!.boardId).toBe('wall');
    // all of them miss updates (the first slice has u0 only), and each is named once
    expect(resyncs[0]!.displays.toSorted()).toEqual([...all, ...displays(MAX_WAITING_UPDATES + 1, 'late')].toSorted());
    for (let i = 0; i < 5; i++) await nextTurn();
    expect(sent.map((s) => s.what)).toEqual(['u0']); // nothing of the backlog goes out
    fanout.publish('wall', all, 'after');
    expect(sent.map((s) => s.what)).toEqual(['u0', 'after']);
  });

  it('reports a send that throws and goes on with the next slices and boards', async () => {
    const { fanout, sent, errors } = recorded({ failFirstSend: true });
    fanout.publish('wall', displays(2 * DISPLAYS_PER_SLICE), 'u1');
    fanout.publish('ops', ['x'], 'other board');
    while (sent.length < 2) await nextTurn();
    expect(errors).toEqual(['wall: socket gone']);
    expect(sent.map((s) => [s.what, s.displays.length])).toEqual([
      ['other board', 1],
      ['u1', DISPLAYS_PER_SLICE],
    ]);
  });

  it('sends nothing more once stopped', async () => {
    const { fanout, sent } = recorded();
    fanout.publish('wall', displays(3 * DISPLAYS_PER_SLICE), 'u1');
    fanout.stop();
    await nextTurn();
    await nextTurn();
    expect(sent).toHaveLength(1);
  });
});

import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { DISPLAYS_PER_SLICE, UpdateFanout } from '../../../src/server/hub/update-fanout.js';

const displays = (n: number, prefix = 'd') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

/** What each send was given, with the turn of the event loop it happened in (counted by an immediate of its own). */
const recorders: { stop: () => void }[] = [];
afterEach(() => recorders.splice(0).forEach((r) => r.stop()));

function recorder() {
  let turn = 0;
  let ticker: NodeJS.Immediate | null = null;
  const tick = () => {
    turn++;
    ticker = setImmediate(tick);
  };
  ticker = setImmediate(tick);
  const sent: { what: string; turn: number; displays: string[] }[] = [];
  const recorded = {
    sent,
    send: (what: string) => (slice: string[]) => sent.push({ what, turn, displays: slice }),
    nextTurn: () => nextTurn(),
    stop: () => ticker && clearImmediate(ticker),
  };
  recorders.push(recorded);
  return recorded;
}

describe('update fan-out', () => {
  it('sends to a board with few displays at once, as one write', () => {
    const fanout = new UpdateFanout(() => {});
    const { sent, send } = recorder();
    fanout.publish('ops', displays(DISPLAYS_PER_SLICE), send('u1'));
    expect(sent).toEqual([{ what: 'u1', turn: 0, displays: displays(DISPLAYS_PER_SLICE) }]);
  });

  it('sends to many displays a slice per turn, the first slice at once, and the next update only after the last slice of the one before', async () => {
    const fanout = new UpdateFanout(() => {});
    const { sent, send, nextTurn } = recorder();
    const perSlice = DISPLAYS_PER_SLICE;
    const all = displays(2 * perSlice + 3);
    fanout.publish('wall', all, send('u1'));
    fanout.publish('wall', all, send('u2'));
    fanout.publish('ops', ['x'], send('other board')); // its own board: not behind the wall's
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

  it('drops a display that got a fresh snapshot from what is still on its way to it', async () => {
    const fanout = new UpdateFanout(() => {});
    const { sent, send, nextTurn } = recorder();
    const count = 3 * DISPLAYS_PER_SLICE;
    fanout.publish('wall', displays(count), send('u1'));
    fanout.superseded('wall', ['d5', `d${DISPLAYS_PER_SLICE + 1}`, `d${count - 1}`]); // d5 already has u1; the others joined again
    while (sent.length < 3) await nextTurn();
    const got = sent.flatMap((s) => s.displays);
    expect(got).toHaveLength(count - 2);
    expect(got).toContain('d5');
    expect(got).not.toContain(`d${DISPLAYS_PER_SLICE + 1}`);
    expect(got).not.toContain(`d${count - 1}`);
  });

  it('reports a send that throws and goes on with the next slices and boards', async () => {
    const errors: string[] = [];
    const fanout = new UpdateFanout((boardId, err) => errors.push(`${boardId}: ${(err as Error).message}`));
    const { sent, send, nextTurn } = recorder();
    let calls = 0;
    fanout.publish('wall', displays(2 * DISPLAYS_PER_SLICE), (slice) => {
      if (calls++ === 0) throw new Error('socket gone');
      send('u1')(slice);
    });
    fanout.publish('ops', ['x'], send('other board'));
    while (sent.length < 2) await nextTurn();
    expect(errors).toEqual(['wall: socket gone']);
    expect(sent.map((s) => [s.what, s.displays.length])).toEqual([
      ['other board', 1],
      ['u1', DISPLAYS_PER_SLICE],
    ]);
  });

  it('sends nothing more once stopped', async () => {
    const fanout = new UpdateFanout(() => {});
    const { sent, send, nextTurn } = recorder();
    fanout.publish('wall', displays(3 * DISPLAYS_PER_SLICE), send('u1'));
    fanout.stop();
    await nextTurn();
    await nextTurn();
    expect(sent).toHaveLength(1);
  });
});

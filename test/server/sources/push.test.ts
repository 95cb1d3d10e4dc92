import { afterEach, describe, expect, it } from 'vitest';
import type { NumberTileView } from '../../../src/shared/tile-view.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { pushSource } from '../../../src/server/sources/push.js';
import { registerSourceKind, type BoundPushedSource } from '../../../src/server/sources/registered-source-kind.js';
import { joinBoard, startTestServer, tileView, waitFor, type StartedServer } from '../../helpers/test-server.js';

const push = pushedSource();

function pushedSource(): BoundPushedSource {
  const bound = registerSourceKind(pushSource).bind({});
  if (bound.arrives !== 'pushed') throw new Error('the push kind must be pushed');
  return bound;
}
const metric = (fields: Record<string, unknown>) => ({ kind: 'metric', ...fields });

/** The reading after these events, each accepted by the kind first. */
function readingAfter(events: unknown[], now = 5_000) {
  const accepted = events.map((event) => {
    const result = push.accept(event);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    return result;
  });
  return push.readingAfter(accepted, { previous: null, now: () => now });
}

describe('push source: the metric events it takes', () => {
  it('takes metric events', () => {
    expect(push.event).toBe('metric');
  });

  it('folds one request\'s events into a metrics reading at the time they arrive, labels and units defaulted', () => {
    expect(readingAfter([metric({ series: 'build/duration', value: 312, unit: 's' }), metric({ series: 'queue', value: null, label: 'Queue length' })])).toEqual({
      type: 'metrics',
      at: 5_000,
      samples: [
        { series: 'build/duration', value: 312, unit: 's', label: 'build/duration' },
        { series: 'queue', value: null, unit: '', label: 'Queue length' },
      ],
    });
  });

  it('keeps the last value of a series sent twice in one request (events are folded oldest first)', () => {
    expect(readingAfter([metric({ series: 'q', value: 1 }), metric({ series: 'q', value: 2 })])).toMatchObject({ samples: [{ series: 'q', value: 2 }] });
  });

  it('strips control and bidi characters from names, as from any upstream text', () => {
    expect(readingAfter([metric({ series: 'deploy\u202etime\u0007', value: 1, label: '\u001b[31mred\u001b[0m' })])).toMatchObject({
      samples: [{ series: 'deploy time', label: 'red' }],
    });
  });

  it('refuses an event that is not a metric, naming each problem by path', () => {
    const problems = (payload: unknown) => {
      const result = push.accept(payload);
      return result.ok ? [] : result.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    };
    expect(problems(metric({ series: 'a', value: '12' }))).toEqual([expect.stringMatching(/^value: .*expected number/)]);
    expect(problems(metric({ series: '\u200f\u0000', value: 1 }))).toEqual(['series: expected text with at least one visible character']);
    expect(problems(metric({ series: 'a', value: 1, colour: 'red' }))).toEqual([expect.stringMatching(/^: .*colour/)]);
    expect(problems(metric({ series: 'x'.repeat(801), value: 1 }))).toEqual(['series: expected at most 200 characters']);
    expect(problems({ kind: 'deploy', series: 'a', value: 1 })).toEqual([expect.stringMatching(/^kind: .*"metric"/)]);
    expect(problems('not an object')).toHaveLength(1);
  });
});

describe('a pushed source on a board (GET /api/v1/boards/:id)', () => {
  let app: StartedServer | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });
  const T0 = Date.UTC(2030, 0, 1);
  const config = (source: Record<string, unknown>) => ({
    sources: { ci: { type: 'push', ...source } },
    boards: {
      ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'build', widget: 'number', source: 'ci', x: 0, y: 0, options: { series: 'build/duration' } }] },
    },
  });

  it('shows a pushed metric, and turns stale after twice expectEvery without a push', async () => {
    let clock = T0;
    app = await startTestServer(config({ expectEvery: '5m' }), { now: () => clock, restoreWaitMs: 0 });
    const view = () => tileView(app!.url, 'ops', 'build') as Promise<NumberTileView>;
    expect(await view()).toMatchObject({ status: 'unknown', stale: true, reason: 'waiting for the first push' });

    expect(await app.server.pushes.receive('ci', metric({ series: 'build/duration', value: 312, unit: 's' }))).toEqual({ ok: true, duplicate: false });
    expect(await view()).toMatchObject({ status: 'ok', stale: false, reason: null, updatedAt: new Date(T0).toISOString(), data: { current: 312, unit: 's' } });
    // through the store's append path: the push is in the event log as well
    expect(await app.server.store.events({ source: 'ci' })).toMatchObject([{ kind: 'metric', at: T0, body: { series: 'build/duration', value: 312 } }]);

    clock = T0 + 10 * 60_000; // exactly 2 × expectEvery: not yet
    expect(await view()).toMatchObject({ status: 'ok', stale: false });
    clock += 1;
    expect(await view()).toMatchObject({
      status: 'unknown',
      stale: true,
      reason: 'no fresh data for over 600 s (pushed, expected every 300 s)',
      data: { current: 312 }, // the last value stays on the wall
    });

    expect((await app.server.pushes.receive('ci', metric({ series: 'build/duration', value: 298, unit: 's' }))).ok).toBe(true);
    expect(await view()).toMatchObject({ status: 'ok', stale: false, data: { current: 298 } });
  });

  it('shows metric events posted to POST /api/v1/events with the source\'s token, on the board and live on a display', async () => {
    const token = 'ci-token-0123456789abcdef';
    app = await startTestServer(config({ tokensEnv: 'CI_TOKENS' }), { env: { CI_TOKENS: token }, restoreWaitMs: 0 });
    const display = await joinBoard(app.url, 'ops');
    try {
      const res = await fetch(`${app.url}/api/v1/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify([metric({ series: 'build/duration', value: 312, unit: 's', id: 'build-1' }), metric({ series: 'queue', value: 4 })]),
      });
      expect(res.status).toBe(202);
      expect(await tileView(app.url, 'ops', 'build')).toMatchObject({ status: 'ok', stale: false, data: { current: 312, unit: 's' } });
      const pushed = await waitFor(
        () => display.updates.flatMap((u) => u.views).find((v): v is NumberTileView => v.id === 'build' && v.widget === 'number' && v.data.current === 312),
        'the display to get the pushed value',
      );
      expect(pushed).toMatchObject({ status: 'ok', stale: false });
    } finally {
      display.socket.close();
    }
  });

  it('without expectEvery, is never stale by age', async () => {
    let clock = T0;
    app = await startTestServer(config({}), { now: () => clock, restoreWaitMs: 0 });
    await app.server.pushes.receive('ci', metric({ series: 'build/duration', value: 312 }));
    clock += 365 * 24 * 3_600_000;
    expect(await tileView(app.url, 'ops', 'build')).toMatchObject({ status: 'ok', stale: false, reason: null });
  });

  it('is not polled, and a push that is not valid changes nothing', async () => {
    app = await startTestServer(config({ expectEvery: 60 }), { restoreWaitMs: 0 });
    await expect(app.server.scheduler.poll('ci')).rejects.toThrow('source "ci" is pushed, not polled');
    const refused = await app.server.pushes.receive('ci', metric({ series: 'build/duration', value: 'fast' }));
    expect(refused).toMatchObject({ ok: false, problem: 'invalid' });
    expect(await tileView(app.url, 'ops', 'build')).toMatchObject({ stale: true, reason: 'waiting for the first push' });
  });

  it('is a kind the config accepts with expectEvery, and the built-in kinds include it', () => {
    expect(builtInKinds.sources.find((k) => k.kind === 'push')).toMatchObject({ arrives: 'pushed', produces: 'metrics' });
  });
});

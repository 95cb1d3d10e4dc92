import { afterEach, describe, expect, it } from 'vitest';
import { pollNode, type NodePollRequest } from '../../../../src/server/sources/munin/node-poll.js';
import { nodeDeadlineMs } from '../../../../src/server/sources/munin/poll-deadline.js';
import { startFakeNode, type FakeNode, type FakePlugin } from './fake-node.js';

const nodes: FakeNode[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.close()));
});

const value = (v: number): FakePlugin => ({ config: ['v.label v'], fetch: () => [`v.value ${v}`] });

async function poll(node: FakeNode, extra: Partial<NodePollRequest>) {
  return pollNode({
    address: { host: '127.0.0.1', port: node.port },
    patterns: undefined,
    concurrency: 2,
    connectTimeoutMs: 2000,
    readTimeoutMs: 2000,
    configMaxAgeMs: 3_600_000,
    signal: AbortSignal.timeout(20_000),
    now: Date.now,
    previous: undefined,
    ...extra,
  });
}

describe('munin node poll', () => {
  it('returns what answered by its deadline; a plugin still running carries "no answer within N ms"', async () => {
    const node = await startFakeNode('web1', { a: value(1), b: value(2), c: value(3), hung: { ...value(0), hang: true } });
    nodes.push(node);
    const started = performance.now();
    const result = await poll(node, { readTimeoutMs: 20_000, deadlineMs: 400 });
    expect(performance.now() - started).toBeLessThan(2000);
    const byPlugin = new Map(result.outcomes.map((o) => [o.plugin, o]));
    for (const [plugin, v] of [['a', 1], ['b', 2], ['c', 3]] as const) {
      expect(byPlugin.get(plugin)).toMatchObject({ error: null });
      expect(byPlugin.get(plugin)!.fetch!.get(plugin)!.get('v')!.raw).toBe(v);
    }
    expect(byPlugin.get('hung')).toMatchObject({ fetch: null, error: `munin-node 127.0.0.1:${node.port}: no answer within 400 ms (during "fetch hung")` });
  });

  it('marks plugins it had no time to start as not polled', async () => {
    const node = await startFakeNode('web1', { a: { ...value(0), hang: true }, b: value(2) });
    nodes.push(node);
    const result = await poll(node, { concurrency: 1, readTimeoutMs: 20_000, deadlineMs: 300 });
    expect(result.outcomes.map((o) => [o.plugin, o.error])).toEqual([
      ['a', `munin-node 127.0.0.1:${node.port}: no answer within 300 ms (during "fetch a")`],
      ['b', `munin-node 127.0.0.1:${node.port}: not polled, no answer within 300 ms`],
    ]);
  });

  it('still fails as a whole when the caller aborts (the scheduler gave up)', async () => {
    const node = await startFakeNode('web1', { a: value(1), hung: { ...value(0), hang: true } });
    nodes.push(node);
    const abort = new AbortController();
    setTimeout(() => abort.abort(new Error('timed out after 200 ms')), 200);
    await expect(poll(node, { signal: abort.signal, deadlineMs: 5000 })).rejects.toThrow(`munin-node 127.0.0.1:${node.port}: timed out after 200 ms`);
  });

  it('adds one listener to the caller\'s signal however many connections it opens', async () => {
    const node = await startFakeNode(
      'web1',
      Object.fromEntries(Array.from({ length: 14 }, (_, i) => [`p${i}`, { ...value(i), delayMs: 100 }])),
    );
    nodes.push(node);
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const result = await poll(node, { concurrency: 14, signal: new AbortController().signal });
      expect(result.outcomes.every((o) => o.error === null)).toBe(true);
      expect(node.maxConcurrent).toBe(14);
      await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
  });

  it('leaves the nodes a tenth of the source timeout (50 ms to 1 s) to build the reading', () => {
    expect(nodeDeadlineMs(10_000)).toBe(9_000);
    expect(nodeDeadlineMs(60_000)).toBe(59_000);
    expect(nodeDeadlineMs(1_500)).toBe(1_350);
    expect(nodeDeadlineMs(200)).toBe(150);
  });
});

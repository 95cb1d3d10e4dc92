import { describe, expect, it } from 'vitest';
import { cctraySource } from '../../../src/server/sources/cctray.js';
import { cctrayDemoFeed, cctrayStandIn } from '../../../src/server/standins/cctray.js';
import { parseCctrayFeed } from '../../../src/server/sources/cctray/feed.js';

describe('cctray stand-in', () => {
  it('serves a feed the cctray source reads', async () => {
    const standIn = await cctrayStandIn.start(0);
    try {
      const url = `http://127.0.0.1:${standIn.port}/cc.xml`;
      const r = await cctraySource.poll(cctraySource.options.parse({ url }), AbortSignal.timeout(5_000), { previous: null, env: {}, now: Date.now, deadline: Date.now() + 5_000 });
      expect(r.jobs.map((j) => j.name)).toContain('checkout-service');
      expect(r.jobs.every((j) => j.url?.startsWith(`http://127.0.0.1:${standIn.port}/job/`))).toBe(true);
    } finally {
      await standIn.stop();
    }
  });

  it('has checkout-service break, with its breakers, and recover within ten minutes', () => {
    const states = Array.from({ length: 20 }, (_, i) => {
      const checkout = parseCctrayFeed(cctrayDemoFeed(i * 30_000 + 600_000 * 1000, 'http://demo'), 'demo').find((p) => p.name === 'checkout-service')!;
      return `${checkout.activity}/${checkout.lastBuildStatus}/${checkout.breakers.join('+')}`;
    });
    expect(states).toContain('Sleeping/Failure/alice+bob');
    expect(states).toContain('Sleeping/Success/');
    expect(states).toContain('Building/Failure/alice+bob');
  });
});

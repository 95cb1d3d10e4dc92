import { describe, expect, it } from 'vitest';
import type { DeployRecord } from '../../../src/server/readings/deploys.js';
import type { CheckComment } from '../../../src/server/readings/monitoring.js';
import { DeployExpectations, type ProblemFacts } from '../../../src/server/tiles/deploy-expectations.js';
import { deploy } from '../../helpers/deploy-record.js';

const T0 = 1_800_000_000_000;
const MIN = 60_000;
const GRACE = 10 * MIN;

const downtime = (text: string): CheckComment => ({ kind: 'downtime', author: 'deploybot', text, enteredAt: T0, startsAt: T0, endsAt: T0 + 60 * MIN });
const problem = (extra: Partial<ProblemFacts> = {}): ProblemFacts => ({ host: 'web01', since: T0 + 2 * MIN, inDowntime: false, comments: [], ...extra });
const verdictAt = (now: number, deploys: DeployRecord[], p: ProblemFacts) => new DeployExpectations(deploys, now, GRACE).verdict(p);

describe('which problems a deploy explains', () => {
  it('a problem on a deploying host that began after the deploy started is expected while it runs', () => {
    expect(verdictAt(T0 + 5 * MIN, [deploy()], problem())).toMatchObject({ expected: true, via: 'hosts', window: { active: true, endedAt: null, expectedUntil: null } });
    // host names compare without case (DNS names)
    expect(verdictAt(T0 + 5 * MIN, [deploy({ hosts: ['WEB01'] })], problem()).expected).toBe(true);
    // other hosts are not the deploy's business
    expect(verdictAt(T0 + 5 * MIN, [deploy()], problem({ host: 'db01' }))).toEqual({ expected: false, deployEnded: null });
  });

  it('a problem that was there before the deploy started is not the deploy\'s (10 s of clock slack)', () => {
    expect(verdictAt(T0 + 5 * MIN, [deploy()], problem({ since: T0 - 10_000 })).expected).toBe(true);
    expect(verdictAt(T0 + 5 * MIN, [deploy()], problem({ since: T0 - 10_001 })).expected).toBe(false);
    // since when is unknown: it cannot be shown to be the deploy's
    expect(verdictAt(T0 + 5 * MIN, [deploy()], problem({ since: null })).expected).toBe(false);
  });

  it('stays expected for the grace period after the deploy ends, whatever its outcome; red again after', () => {
    for (const status of ['succeeded', 'failed', 'rolled_back'] as const) {
      const done = deploy({ status, finishedAt: T0 + 20 * MIN });
      expect(verdictAt(T0 + 29 * MIN, [done], problem())).toMatchObject({ expected: true, window: { endedAt: T0 + 20 * MIN, expectedUntil: T0 + 30 * MIN } });
      expect(verdictAt(T0 + 30 * MIN, [done], problem())).toEqual({ expected: false, deployEnded: null });
    }
  });

  it('a deploy that never reports its end counts as ended at its timeout (stalled), then the grace runs', () => {
    const stalled = deploy({ timeoutMs: 30 * MIN });
    expect(verdictAt(T0 + 35 * MIN, [stalled], problem())).toMatchObject({ expected: true, window: { endedAt: T0 + 30 * MIN, expectedUntil: T0 + 40 * MIN } });
    expect(verdictAt(T0 + 40 * MIN, [stalled], problem()).expected).toBe(false);
    // no timeout: it runs until it says otherwise
    expect(verdictAt(T0 + 600 * MIN, [deploy({ timeoutMs: null })], problem()).expected).toBe(true);
  });

  it('a downtime whose comment names the deploy (manifest, run id, key or ticket id) links the problem, on any host, whenever it began', () => {
    const elsewhere = (text: string) => problem({ host: 'db01', since: T0 - 60 * MIN, inDowntime: true, comments: [downtime(text)] });
    for (const text of ['Deploy M-4411', 'deploy m-4411 to prod', 'run deploy-981', 'prod/deploy:deploy-981', 'change CHG-77: release', '(CHG-77)']) {
      expect(verdictAt(T0 + 5 * MIN, [deploy()], elsewhere(text)), text).toMatchObject({ expected: true, via: 'downtime' });
    }
    // whole names only
    for (const text of ['Deploy M-44110', 'XM-4411', 'CHG-771', 'maintenance']) {
      expect(verdictAt(T0 + 5 * MIN, [deploy()], elsewhere(text)), text).toEqual({ expected: false, deployEnded: null });
    }
    // a downtime that is not over the problem (not in downtime) names nothing
    expect(verdictAt(T0 + 5 * MIN, [deploy()], { ...elsewhere('Deploy M-4411'), inDowntime: false }).expected).toBe(false);
    // names shorter than 3 characters are not looked for
    expect(verdictAt(T0 + 5 * MIN, [deploy({ manifest: 'M1', deployId: '42', key: '42', ticket: null })], elsewhere('M1 42')).expected).toBe(false);
  });

  it('a downtime naming a deploy that ended more than the grace period ago hides nothing any more', () => {
    const done = deploy({ status: 'succeeded', finishedAt: T0 + 20 * MIN });
    const inDowntime = problem({ inDowntime: true, comments: [downtime('Deploy M-4411 (CHG-77)')] });
    expect(verdictAt(T0 + 25 * MIN, [done], inDowntime)).toMatchObject({ expected: true, via: 'downtime' });
    expect(verdictAt(T0 + 31 * MIN, [done], inDowntime)).toEqual({ expected: false, deployEnded: expect.objectContaining({ deploy: done, active: false }) });
    // another downtime over it, for another reason, still covers it
    const alsoPatching = { ...inDowntime, comments: [downtime('Deploy M-4411'), downtime('Kernel patching')] };
    expect(verdictAt(T0 + 31 * MIN, [done], alsoPatching)).toEqual({ expected: false, deployEnded: null });
    // a downtime naming a deploy nobody reported is an ordinary downtime
    expect(verdictAt(T0 + 31 * MIN, [done], problem({ inDowntime: true, comments: [downtime('Deploy M-9999')] }))).toEqual({ expected: false, deployEnded: null });
    // comments not read: nothing is known of the downtimes
    expect(verdictAt(T0 + 31 * MIN, [done], problem({ inDowntime: true, comments: undefined }))).toEqual({ expected: false, deployEnded: null });
  });

  it('lists the deploys whose problems are expected now, newest first', () => {
    const older = deploy({ key: 'a', startedAt: T0 - 60 * MIN, status: 'succeeded', finishedAt: T0 - 55 * MIN });
    const recent = deploy({ key: 'b', startedAt: T0 - 10 * MIN, status: 'succeeded', finishedAt: T0 - 5 * MIN });
    const running = deploy({ key: 'c', startedAt: T0 - MIN });
    expect(new DeployExpectations([older, recent, running], T0, GRACE).active().map((w) => w.deploy.key)).toEqual(['c', 'b']);
  });
});

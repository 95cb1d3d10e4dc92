import { describe, expect, it } from 'vitest';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { deploysReading, type DeployRecord, type DeploysReading } from '../../../src/server/readings/deploys.js';
import { deploysSource } from '../../../src/server/sources/deploys.js';
import { registerSourceKind } from '../../../src/server/sources/registered-source-kind.js';

const T0 = Date.UTC(2030, 0, 7, 9, 0);
const MIN = 60_000;

/** A configured deploys source, fed the way the push intake feeds it: checked events, then the fold. */
function deploysSourceWith(options: Record<string, unknown> = {}) {
  const source = registerSourceKind(deploysSource).bind(options);
  if (source.arrives !== 'pushed') throw new Error('the deploys kind must be pushed');
  let reading: DeploysReading | null = null;
  return {
    /** One request of events at `now`; returns the reading after it. */
    push(now: number, ...events: Record<string, unknown>[]): DeploysReading {
      const accepted = events.map((event) => {
        const result = source.accept({ kind: 'deploy', ...event });
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        return result;
      });
      const next = source.readingAfter(accepted, { previous: reading, now: () => now });
      if (next.type !== 'deploys') throw new Error(`a deploys source gave a ${next.type} reading`);
      reading = deploysReading.schema.parse(next); // what is stored must read back
      return reading;
    },
    problems(event: Record<string, unknown>): string[] {
      const result = source.accept(event);
      return result.ok ? [] : result.problems.map((p) => `${p.path.join('.')}: ${p.message}`);
    },
  };
}

const only = (reading: DeploysReading): DeployRecord => {
  expect(reading.deploys).toHaveLength(1);
  return reading.deploys[0]!;
};

describe('deploys source: one deploy from its events', () => {
  it('follows started → progress → succeeded, with who, ticket, hosts and when', () => {
    const source = deploysSourceWith();
    const base = { deploy: 'run-1', env: 'prod', manifest: 'M-4411', version: '2030.01.07' };
    let d = only(
      source.push(T0, { ...base, status: 'started', by: 'deploy-bot', ticket: { id: 'OPS-12', url: 'https://tickets.example/OPS-12' }, hosts: ['web1', 'web2'], at: T0 }),
    );
    expect(d).toMatchObject({ key: 'prod/deploy:run-1', status: 'started', progress: null, step: null, startedAt: T0, finishedAt: null, by: 'deploy-bot', hosts: ['web1', 'web2'], timeoutMs: 30 * MIN });
    d = only(source.push(T0 + MIN, { ...base, status: 'progress', progress: 0.4, at: T0 + MIN }));
    expect(d).toMatchObject({ status: 'progress', progress: 0.4, step: null, finishedAt: null });
    d = only(source.push(T0 + 2 * MIN, { ...base, status: 'progress', progress: 'migrate database', at: T0 + 2 * MIN }));
    expect(d).toMatchObject({ status: 'progress', progress: 0.4, step: 'migrate database' });
    const reading = source.push(T0 + 5 * MIN, { ...base, status: 'succeeded', at: T0 + 5 * MIN });
    expect(only(reading)).toMatchObject({ status: 'succeeded', startedAt: T0, finishedAt: T0 + 5 * MIN, updatedAt: T0 + 5 * MIN, ticket: { id: 'OPS-12', url: 'https://tickets.example/OPS-12' } });
    expect(reading).toMatchObject({ type: 'deploys', at: T0 + 5 * MIN, envs: ['prod'] });
  });

  it('ends failed or rolled back with what the tool said; a rollback after a failure is the outcome, nothing after a rollback changes it', () => {
    const source = deploysSourceWith();
    const base = { deploy: 'run-2', env: 'staging', manifest: 'M-4412' };
    source.push(T0, { ...base, status: 'started', at: T0 });
    expect(only(source.push(T0 + MIN, { ...base, status: 'failed', message: 'health check failed on web2', at: T0 + MIN }))).toMatchObject({
      status: 'failed',
      finishedAt: T0 + MIN,
      message: 'health check failed on web2',
    });
    expect(only(source.push(T0 + 2 * MIN, { ...base, status: 'rolled_back', message: 'back to M-4411', at: T0 + 2 * MIN }))).toMatchObject({
      status: 'rolled_back',
      finishedAt: T0 + 2 * MIN,
      message: 'back to M-4411',
    });
    expect(only(source.push(T0 + 3 * MIN, { ...base, status: 'succeeded', at: T0 + 3 * MIN }))).toMatchObject({ status: 'rolled_back', finishedAt: T0 + 2 * MIN });
  });

  it('never reopens a finished deploy for a late report, and an older report does not overwrite a newer one', () => {
    const source = deploysSourceWith();
    const base = { deploy: 'run-3', env: 'prod', manifest: 'M-4413' };
    source.push(T0, { ...base, status: 'started', at: T0 });
    source.push(T0 + 2 * MIN, { ...base, status: 'progress', progress: 0.8, at: T0 + 2 * MIN });
    // sent earlier, arrives later
    expect(only(source.push(T0 + 3 * MIN, { ...base, status: 'progress', progress: 0.3, at: T0 + MIN }))).toMatchObject({ status: 'progress', progress: 0.8 });
    source.push(T0 + 4 * MIN, { ...base, status: 'succeeded', at: T0 + 4 * MIN });
    const late = only(source.push(T0 + 5 * MIN, { ...base, status: 'progress', progress: 'restart web2', at: T0 + 3 * MIN }, { ...base, status: 'started', at: T0 + 5 * MIN }));
    expect(late).toMatchObject({ status: 'succeeded', finishedAt: T0 + 4 * MIN, step: null, startedAt: T0 });
  });

  it('takes an outcome whose start it never saw, and a start sent after its outcome only as when it started', () => {
    const source = deploysSourceWith();
    const base = { deploy: 'run-4', env: 'dev', service: 'checkout', version: '2.14.1' };
    expect(only(source.push(T0 + 5 * MIN, { ...base, status: 'succeeded', at: T0 + 5 * MIN }))).toMatchObject({ status: 'succeeded', startedAt: T0 + 5 * MIN, finishedAt: T0 + 5 * MIN });
    expect(only(source.push(T0 + 6 * MIN, { ...base, status: 'started', at: T0 + 2 * MIN }))).toMatchObject({ status: 'succeeded', startedAt: T0 + 2 * MIN, finishedAt: T0 + 5 * MIN });
  });

  it('takes times a sender puts in the future as now', () => {
    const source = deploysSourceWith();
    const d = only(source.push(T0, { env: 'prod', manifest: 'M-1', status: 'started', at: T0 + 3_600_000, startedAt: T0 + 3_600_000 }));
    expect(d).toMatchObject({ startedAt: T0, updatedAt: T0 });
  });

  it('times a deploy out after stallAfter, or after the timeoutSeconds its events give', () => {
    expect(only(deploysSourceWith({ stallAfter: '10m' }).push(T0, { env: 'prod', manifest: 'M-1', status: 'started' })).timeoutMs).toBe(10 * MIN);
    expect(only(deploysSourceWith({ stallAfter: 90 }).push(T0, { env: 'prod', manifest: 'M-1', status: 'started' })).timeoutMs).toBe(90_000);
    const source = deploysSourceWith({ stallAfter: '10m' });
    source.push(T0, { deploy: 'r', env: 'prod', manifest: 'M-1', status: 'started', timeoutSeconds: 3600 });
    expect(only(source.push(T0, { deploy: 'r', env: 'prod', manifest: 'M-1', status: 'progress', progress: 0.1 })).timeoutMs).toBe(3_600_000);
  });
});

describe('deploys source: which events belong together', () => {
  it('ties events by run id, else ticket, else environment, what and version; never across environments', () => {
    const source = deploysSourceWith();
    const reading = source.push(
      T0 + 10 * MIN,
      { deploy: 'a', env: 'prod', manifest: 'M-1', status: 'started', at: T0 },
      { ticket: { id: 'OPS-1' }, env: 'prod', manifest: 'M-2', status: 'started', at: T0 + MIN },
      { env: 'prod', service: 'search', version: '7', status: 'started', at: T0 + 2 * MIN },
      { deploy: 'a', env: 'staging', manifest: 'M-1', status: 'started', at: T0 + 3 * MIN },
      // a later event may name the ticket too: the run id still decides
      { deploy: 'a', ticket: { id: 'OPS-9' }, env: 'prod', status: 'progress', manifest: 'M-1', progress: 0.5, at: T0 + 4 * MIN },
      { ticket: { id: 'OPS-1' }, env: 'prod', manifest: 'M-2', status: 'failed', at: T0 + 5 * MIN },
      { env: 'prod', service: 'search', version: '7', status: 'succeeded', at: T0 + 6 * MIN },
      { env: 'prod', service: 'search', version: '8', status: 'started', at: T0 + 7 * MIN },
    );
    expect(reading.deploys.map((d) => `${d.key} ${d.status}`)).toEqual([
      'prod/search@8/' + (T0 + 7 * MIN) + ' started',
      'staging/deploy:a started',
      'prod/search@7/' + (T0 + 2 * MIN) + ' succeeded',
      'prod/ticket:OPS-1 failed',
      'prod/deploy:a progress',
    ]);
    expect(reading.deploys.find((d) => d.key === 'prod/deploy:a')).toMatchObject({ progress: 0.5, ticket: { id: 'OPS-9', url: null } });
    expect(reading.envs).toEqual(['prod', 'staging']);
  });

  it('counts the same version deployed again, after the first finished, as a deploy of its own', () => {
    const source = deploysSourceWith();
    const base = { env: 'prod', manifest: 'M-7', version: '1' };
    source.push(T0, { ...base, status: 'started', at: T0 }, { ...base, status: 'failed', at: T0 + MIN });
    const reading = source.push(T0 + 10 * MIN, { ...base, status: 'started', at: T0 + 9 * MIN }, { ...base, status: 'succeeded', at: T0 + 10 * MIN });
    expect(reading.deploys.map((d) => [d.startedAt, d.status])).toEqual([
      [T0 + 9 * MIN, 'succeeded'],
      [T0, 'failed'],
    ]);
    expect(new Set(reading.deploys.map((d) => d.key)).size).toBe(2);
  });
});

describe('deploys source: bounds', () => {
  it('keeps the newest keepPerEnv per environment, and what runs now even after a run of failures', () => {
    const source = deploysSourceWith({ keepPerEnv: 3 });
    source.push(T0, { env: 'prod', manifest: 'M-100', status: 'succeeded', at: T0 });
    const failures = Array.from({ length: 5 }, (_, i) => ({ env: 'prod', manifest: `M-${101 + i}`, status: 'failed', at: T0 + (i + 1) * MIN }));
    const reading = source.push(T0 + 10 * MIN, ...failures, { env: 'dev', manifest: 'M-105', status: 'succeeded', at: T0 + 6 * MIN });
    expect(reading.deploys.filter((d) => d.env === 'prod').map((d) => `${d.manifest} ${d.status}`)).toEqual(['M-105 failed', 'M-104 failed', 'M-103 failed', 'M-100 succeeded']);
    expect(reading.deploys.filter((d) => d.env === 'dev')).toHaveLength(1);
  });

  it('keeps at most 50 environments, the ones deployed to last', () => {
    const source = deploysSourceWith();
    const events = Array.from({ length: 60 }, (_, i) => ({ env: `env-${i}`, manifest: 'M-1', status: 'succeeded', at: T0 + i * 1000 }));
    const reading = source.push(T0 + MIN, ...events);
    expect(new Set(reading.deploys.map((d) => d.env)).size).toBe(50);
    expect(reading.envs).toEqual(Array.from({ length: 50 }, (_, i) => `env-${i + 10}`));
  });

  it('refuses an event that is not one, naming each problem by path', () => {
    const source = deploysSourceWith();
    expect(source.problems({ kind: 'deploy', env: 'prod', status: 'started' })).toEqual(['manifest: a deploy names what it deploys: give "manifest", "service" or both']);
    expect(source.problems({ kind: 'deploy', env: 'prod', manifest: 'M-1', status: 'done' })).toEqual([expect.stringMatching(/^status: /)]);
    expect(source.problems({ kind: 'deploy', env: 'prod', manifest: 'M-1', status: 'progress', progress: 1.5 })).toEqual([expect.stringMatching(/^progress/)]);
    expect(source.problems({ kind: 'deploy', env: 'prod', manifest: 'M-1', status: 'started', ticket: { id: 'X', url: 'javascript:alert(1)' } })).toEqual([
      'ticket.url: expected an http:// or https:// URL',
    ]);
  });

  it('config validation names options that make no sense', () => {
    const config = (options: Record<string, unknown>) => () =>
      validateConfig({ sources: { deploys: { type: 'deploys', ...options } }, boards: {} }, 'deploys.json', builtInKinds);
    expect(config({ stallAfter: 'soon' })).toThrow(/\$\.sources\.deploys\.stallAfter: expected a duration such as "30m"/);
    expect(config({ keepPerEnv: 0 })).toThrow(/\$\.sources\.deploys\.keepPerEnv: /);
    expect(config({ schedule: '* * * * * *' })).toThrow(/schedule/);
  });
});

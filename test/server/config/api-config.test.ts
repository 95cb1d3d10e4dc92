import { describe, expect, it } from 'vitest';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { validateConfig } from '../../../src/server/config/load-config.js';

const boards = { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'clock', widget: 'clock', x: 0, y: 0 }] } };
const validate = (raw: Record<string, unknown>) => validateConfig({ boards, ...raw }, 'boards.json', builtInKinds);
const problems = (raw: Record<string, unknown>) => {
  try {
    validate(raw);
    return [];
  } catch (err) {
    return (err as Error).message.split('\n').slice(1).map((line) => line.trim());
  }
};

describe('config: the events API', () => {
  it('defaults the API limits: 256 KB bodies, 1,000 events a request, 40,000 requests per 10 s per token', () => {
    expect(validate({}).api).toEqual({ maxBodyBytes: 262_144, maxEventsPerRequest: 1_000, rateLimit: { requests: 40_000, per: '10s', requestsWithoutToken: 100 } });
    expect(validate({ api: { rateLimit: { requests: 10 } } }).api.rateLimit).toEqual({ requests: 10, per: '10s', requestsWithoutToken: 100 });
  });

  it('refuses limits it cannot use, by path', () => {
    expect(problems({ api: { maxBodyBytes: 10, rateLimit: { per: 'often' }, burst: 3 } })).toEqual([
      expect.stringMatching(/^\$\.api\.maxBodyBytes: .*1024/),
      expect.stringMatching(/^\$\.api\.rateLimit\.per: expected a duration/),
      expect.stringMatching(/^\$\.api: unknown key "burst"/),
    ]);
  });

  it('takes tokensEnv on pushed sources only, as an environment variable name', () => {
    expect(validate({ sources: { ci: { type: 'push', tokensEnv: 'CI_TOKENS' } } }).sources.ci).toMatchObject({ tokensEnv: 'CI_TOKENS' });
    expect(problems({ sources: { ci: { type: 'push', tokensEnv: 'ci tokens!' } } })).toEqual([expect.stringMatching(/^\$\.sources\.ci\.tokensEnv: .*environment variable name/)]);
    expect(problems({ sources: { web: { type: 'http', schedule: '*/5 * * * * *', targets: [{ url: 'http://127.0.0.1:1/' }], tokensEnv: 'X' } } })).toEqual([
      expect.stringMatching(/^\$\.sources\.web: http sources are polled .*remove "tokensEnv"/),
    ]);
  });
});

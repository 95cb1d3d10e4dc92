import { describe, expect, it } from 'vitest';
import type { SourceConfig } from '../../../src/server/config/schema.js';
import { PushTokens } from '../../../src/server/push/push-tokens.js';

const A = 'token-a-0123456789abcdef';
const B = 'token-b-0123456789abcdef';
const C = 'token-c-0123456789abcdef';

const source = (tokensEnv?: string): SourceConfig => ({ type: 'push', historyHours: 24, ...(tokensEnv && { tokensEnv }) });
const sources = { ci: source('CI_TOKENS'), deploys: source('DEPLOY_TOKENS'), quiet: source() };

describe('push tokens', () => {
  it('reads one or more tokens per variable, comma or whitespace separated, and knows which sources each may push to', () => {
    const tokens = new PushTokens(sources, ['ci', 'deploys', 'quiet'], { CI_TOKENS: ` ${A},${B}\n`, DEPLOY_TOKENS: `${B} ,  ${C}` });
    expect(tokens.warnings).toEqual([]);
    expect(tokens.check(`Bearer ${A}`)).toEqual({ ok: true, access: { tokenId: 'token-0', sources: ['ci'] } });
    expect(tokens.check(`Bearer ${B}`)).toEqual({ ok: true, access: { tokenId: 'token-1', sources: ['ci', 'deploys'] } });
    expect(tokens.check(`bearer   ${C}`)).toEqual({ ok: true, access: { tokenId: 'token-2', sources: ['deploys'] } });
    expect(tokens.secrets().map((s) => s.value)).toEqual([A, B, B, C]);
  });

  it('tells a missing header, one of another scheme and an unknown token apart, and never takes part of a token', () => {
    const tokens = new PushTokens(sources, ['ci'], { CI_TOKENS: A });
    expect(tokens.check(undefined)).toEqual({ ok: false, problem: 'missing' });
    expect(tokens.check('  ')).toEqual({ ok: false, problem: 'missing' });
    expect(tokens.check(`Basic ${A}`)).toEqual({ ok: false, problem: 'malformed' });
    expect(tokens.check(`Bearer ${A} ${A}`)).toEqual({ ok: false, problem: 'malformed' });
    expect(tokens.check(`Bearer ${A.slice(0, -1)}`)).toEqual({ ok: false, problem: 'unknown' });
    expect(tokens.check(`Bearer ${A}x`)).toEqual({ ok: false, problem: 'unknown' });
    expect(tokens.check(`Bearer ${A.toUpperCase()}`)).toEqual({ ok: false, problem: 'unknown' });
  });

  it('ignores the tokens of sources that do not take pushes, and warns (without the token) about unset variables and short tokens', () => {
    const tokens = new PushTokens(sources, ['ci', 'deploys'], { CI_TOKENS: 'tiny', QUIET: A });
    expect(tokens.any).toBe(false);
    expect(tokens.warnings).toEqual([
      'source "ci": a token in CI_TOKENS is shorter than 16 characters and is not accepted; use a long random one (e.g. `openssl rand -hex 32`)',
      'source "deploys": DEPLOY_TOKENS (its tokensEnv) is not set, so nobody can push to it over HTTP; set it to one or more tokens',
    ]);
    expect(tokens.check('Bearer tiny')).toEqual({ ok: false, problem: 'unknown' });
    // a short token is still a secret to keep out of what is stored
    expect(tokens.secrets()).toEqual([{ value: 'tiny' }]);
  });
});

import { describe, expect, it } from 'vitest';
import { plainLine } from '../../../src/shared/plain-text.js';
import { configuredSecrets, publicTexts } from '../../../src/server/sources/credentials.js';
import { REDACTED, SecretRedactor } from '../../../src/server/sources/secret-redactor.js';

const PASSWORD = 'pa55 w/rd+&"ü';
const USER = 'radiator';
const redactor = SecretRedactor.fromSecrets([{ value: PASSWORD, username: USER }, { value: 'tok-3n.XYZ_42' }]);
const basic = Buffer.from(`${USER}:${PASSWORD}`).toString('base64');

describe('secret redactor', () => {
  it.each([
    ['plain', `password was ${PASSWORD} here`],
    ['whitespace collapsed', `password was ${PASSWORD.replace(' ', '  ')} here`.replace(/\s+/g, ' ')],
    ['the Basic header value', `Authorization: Basic ${basic}`],
    ['base64 of user:secret without padding', `auth=${basic.replace(/=+$/, '')};`],
    ['base64url of user:secret', `auth=${Buffer.from(`${USER}:${PASSWORD}`).toString('base64url')}`],
    ['base64 of the secret with another user', `Basic ${Buffer.from(`someone-else:${PASSWORD}`).toString('base64')}`],
    ['base64 of the secret alone', `x=${Buffer.from(PASSWORD).toString('base64')}`],
    ['encodeURIComponent', `GET /login?pw=${encodeURIComponent(PASSWORD)}`],
    ['encodeURIComponent, lower-case hex', `GET /login?pw=${encodeURIComponent(PASSWORD).replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase())}`],
    ['form encoding', `body: ${new URLSearchParams({ password: PASSWORD }).toString()}`],
    ['JSON-escaped', JSON.stringify({ echo: PASSWORD })],
    ['HTML-escaped', `<title>${PASSWORD.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}</title>`],
    ['the bearer token', 'Authorization: Bearer tok-3n.XYZ_42'],
  ])('redacts the secret %s', (_form, text) => {
    const out = redactor.redact(text);
    expect(out).toContain(REDACTED);
    for (const leak of [PASSWORD, basic, basic.slice(4, 24), encodeURIComponent(PASSWORD), 'tok-3n.XYZ_42', Buffer.from(PASSWORD).toString('base64').slice(2, 14)]) {
      expect(out).not.toContain(leak);
    }
  });

  it('redacts the start of a secret left at the end of a clipped line', () => {
    const clipped = plainLine(`HTTP 500: echo Authorization: Basic ${basic}`, 45);
    expect(clipped).toMatch(/Basic \S+…$/);
    expect(redactor.redact(clipped)).toBe(`HTTP 500: echo Authorization: Basic ${REDACTED}…`);
    // a line that merely ends in "…" keeps its words
    expect(redactor.redact('no space left on dev…')).toBe('no space left on dev…');
  });

  it('leaves a secret inside text the configuration holds (its URL) alone, and redacts it everywhere else', () => {
    // the stock Nagios password is a word of the stock CGI path
    const options = { url: 'http://127.0.0.1:18480/nagios4/cgi-bin', username: 'nagiosadmin', passwordEnv: 'NAGIOS_PW' };
    const nagios = SecretRedactor.fromSecrets(configuredSecrets(options, { NAGIOS_PW: 'nagios' }), publicTexts(options));
    expect(nagios.redact('empty response from 127.0.0.1:18480/nagios4/cgi-bin/statusjson.cgi (HTTP 200) — is Nagios running?')).toBe(
      'empty response from 127.0.0.1:18480/nagios4/cgi-bin/statusjson.cgi (HTTP 200) — is Nagios running?',
    );
    expect(nagios.redact('HTTP 500 from 127.0.0.1:18480/nagios4/cgi-bin/statusjson.cgi: you sent password=nagios')).toBe(
      `HTTP 500 from 127.0.0.1:18480/nagios4/cgi-bin/statusjson.cgi: you sent password=${REDACTED}`,
    );
    // clipped in the middle of the URL: what is left of it is still the URL
    for (const chars of [42, 44, 46, 50]) {
      const clipped = plainLine('timed out at http://127.0.0.1:18480/nagios4/cgi-bin/statusjson.cgi', chars);
      expect(clipped).toMatch(/nagi.*…$/);
      expect(nagios.redact(clipped)).toBe(clipped);
    }
  });

  it('leaves the other pages of a configured URL\'s directory alone (a statusjson.cgi URL quoted as objectjson.cgi)', () => {
    // the nagios source asks objectjson.cgi beside the configured statusjson.cgi; whichever fails first is the reason
    const options = { url: 'http://127.0.0.1:18480/nagios4/cgi-bin/statusjson.cgi', username: 'nagiosadmin', passwordEnv: 'NAGIOS_PW' };
    const nagios = SecretRedactor.fromSecrets(configuredSecrets(options, { NAGIOS_PW: 'nagios' }), publicTexts(options));
    const reason = 'empty response from 127.0.0.1:18480/nagios4/cgi-bin/objectjson.cgi (HTTP 200) — is Nagios running?';
    expect(nagios.redact(reason)).toBe(reason);
    expect(nagios.redact('HTTP 500 from 127.0.0.1:18480/nagios4/cgi-bin/objectjson.cgi: password=nagios')).toBe(
      `HTTP 500 from 127.0.0.1:18480/nagios4/cgi-bin/objectjson.cgi: password=${REDACTED}`,
    );
  });

  it('leaves text without secrets alone, and a reading without them as the same object', () => {
    expect(redactor.redact('HTTP 500 from nagios/cgi-bin/statusjson.cgi')).toBe('HTTP 500 from nagios/cgi-bin/statusjson.cgi');
    const reading = { type: 'metrics', at: 1, samples: [{ series: 'a', label: 'b', value: 1 }] };
    expect(redactor.redactDeep(reading)).toBe(reading);
    const leaking = { type: 'metrics', at: 1, samples: [{ series: 'a', label: `echo ${PASSWORD}`, value: 1, error: `Basic ${basic}` }] };
    expect(redactor.redactDeep(leaking)).toEqual({ type: 'metrics', at: 1, samples: [{ series: 'a', label: `echo ${REDACTED}`, value: 1, error: `Basic ${REDACTED}` }] });
    expect(SecretRedactor.fromSecrets([]).active).toBe(false);
    expect(SecretRedactor.fromSecrets([{ value: '' }]).redact('anything')).toBe('anything');
  });
});

describe('configured secrets of a source', () => {
  it('reads every *Env option from the environment, at any depth, with the user of a passwordEnv', () => {
    const env = { NAGIOS_PW: 'pw1', TOKEN: 'tok', KEY: 'key', OTHER: 'other', UNSET_IS_SKIPPED: undefined };
    expect(configuredSecrets({ url: 'http://x', username: 'radiator', passwordEnv: 'NAGIOS_PW' }, env)).toEqual([{ value: 'pw1', username: 'radiator' }]);
    expect(
      configuredSecrets({ targets: [{ url: 'http://x', tokenEnv: 'TOKEN', headersEnv: { 'X-Api-Key': 'KEY', 'X-Other': 'OTHER' } }, { url: 'http://y', tokenEnv: 'NOPE' }] }, env),
    ).toEqual([{ value: 'tok', username: undefined }, { value: 'key', username: undefined }, { value: 'other', username: undefined }]);
  });
});

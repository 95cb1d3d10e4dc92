import { describe, expect, it } from 'vitest';
import { CHROMIUM, chromiumInstalled } from './browser.js';
import { ICINGA2, MUNIN_NODE, NAGIOS, upstream, upstreamsRequired } from './upstreams.js';

describe('tests that need a real upstream', () => {
  it('skip when it is absent, but run (and fail, naming what is missing) when RADIATOR_REQUIRE_UPSTREAMS=1', () => {
    const optional = upstream('Frobnicator', ['/nonexistent/frobnicator'], false);
    expect(optional).toMatchObject({ available: false, skip: true, missing: ['/nonexistent/frobnicator'] });
    const required = upstream('Frobnicator', ['/nonexistent/frobnicator', process.execPath], true);
    expect(required).toMatchObject({ available: false, skip: false, missing: ['/nonexistent/frobnicator'] });
    expect(() => required.assertAvailable()).toThrow(
      'Frobnicator is required (RADIATOR_REQUIRE_UPSTREAMS=1) but not installed: missing /nonexistent/frobnicator — run test/upstreams/install-debs.sh as root',
    );
    const there = upstream('node', [process.execPath], true);
    expect(there.skip).toBe(false);
    expect(() => there.assertAvailable()).not.toThrow();
  });
});

// .ci/run sets RADIATOR_REQUIRE_UPSTREAMS=1: there, a machine without the packages fails here, by name,
// instead of going green with the integration and browser tests skipped
describe.runIf(upstreamsRequired)('every real upstream is installed (RADIATOR_REQUIRE_UPSTREAMS=1)', () => {
  it.each([
    ['Nagios Core 4', NAGIOS],
    ['Icinga 2', ICINGA2],
    ['munin-node', MUNIN_NODE],
  ] as const)('%s for the integration tests', (_, u) => {
    u.assertAvailable();
  });

  it('Chromium for the browser tests', () => {
    expect(chromiumInstalled, `${CHROMIUM} is missing — apt-get install chromium`).toBe(true);
  });
});

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The scripts that start and stop the real daemons (see test/upstreams/README.md). */
export const UPSTREAMS = fileURLToPath(new URL('../upstreams/', import.meta.url));

/** The `KEY=VALUE` lines a start script prints (or saves as DIR/*.env), as an object. */
export function parseKeyValues(text: string): Record<string, string> {
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z0-9_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export function readEnvFile(file: string): Record<string, string> {
  return parseKeyValues(readFileSync(file, 'utf8'));
}

/**
 * `RADIATOR_REQUIRE_UPSTREAMS=1` (set by .ci/run): the real daemons and Chromium must be there. Tests
 * that would skip without them run instead, and fail saying what is missing, so a CI machine without
 * the packages cannot go green by skipping.
 */
export const upstreamsRequired = process.env.RADIATOR_REQUIRE_UPSTREAMS === '1';

export interface Upstream {
  /** Every file is there. */
  available: boolean;
  /** For `describe.skipIf`: absent and not required. */
  skip: boolean;
  missing: string[];
  /** Call in beforeAll: throws, naming the missing files, when they are missing (i.e. required). */
  assertAvailable(): void;
}

/** Whether a real upstream (its binaries, scripts) is installed, for tests that need it. */
export function upstream(name: string, files: readonly string[], required = upstreamsRequired): Upstream {
  const missing = files.filter((f) => !existsSync(f));
  const available = missing.length === 0;
  return {
    available,
    skip: !available && !required,
    missing,
    assertAvailable() {
      if (!available) {
        throw new Error(
          `${name} is required (RADIATOR_REQUIRE_UPSTREAMS=1) but not installed: missing ${missing.join(', ')} — run test/upstreams/install-debs.sh as root`,
        );
      }
    },
  };
}

/** What the integration tests need, by upstream. */
export const NAGIOS = upstream('Nagios Core 4 (nagios4-core, nagios4-cgi, lighttpd, monitoring-plugins-basic)', [
  '/usr/sbin/nagios4',
  '/usr/lib/cgi-bin/nagios4/statusjson.cgi',
  '/usr/sbin/lighttpd',
  '/usr/lib/nagios/plugins/check_dummy',
]);
export const ICINGA2 = upstream('Icinga 2 (icinga2-bin, curl)', ['/usr/lib/x86_64-linux-gnu/icinga2/sbin/icinga2', '/usr/bin/curl']);
export const MUNIN_NODE = upstream('munin-node', ['/usr/sbin/munin-node']);

import { statusDatChunks } from '../../src/server/standins/nagios-formats.js';
import { nagiosScenario, type SimCheck } from '../../src/server/standins/nagios-scenario.js';
import { replaceFile } from './replace-file.js';

/** A check of the demo Nagios to change: its host and service (null: the host check). */
export interface CheckFlip {
  host: string;
  service: string | null;
  /** Plugin code: services 0 OK … 3 UNKNOWN; hosts 0 UP, 1 DOWN, 2 UNREACHABLE. */
  code: number;
  output: string;
}

/**
 * Writes the demo Nagios' status.dat (the stand-in's scenario at `nowMs`) to `file` in one step, as
 * Nagios does, with `flips` applied: a check changed to another state, since `nowMs`.
 */
export function writeNagiosStatus(file: string, programStartMs: number, nowMs: number, flips: readonly CheckFlip[] = []): void {
  const state = nagiosScenario(programStartMs, nowMs);
  for (const flip of flips) {
    const check = state.checks.find((c: SimCheck) => c.host === flip.host && c.service === flip.service);
    if (!check) throw new Error(`the demo Nagios has no check ${flip.host}/${flip.service ?? '(host)'}`);
    Object.assign(check, { code: flip.code, output: flip.output, hard: true, attempt: check.maxAttempts, lastStateChange: Math.floor(nowMs / 1000) });
  }
  replaceFile(file, [...statusDatChunks(state, 40_000)].join(''));
}

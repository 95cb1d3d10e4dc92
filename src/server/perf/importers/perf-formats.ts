import type { PerfEvent } from '../../../shared/pushed-events/perf.js';
import { importAutocannon } from './autocannon.js';
import { importJmeterJtl } from './jmeter-jtl.js';
import { importK6 } from './k6.js';
import type { ImportRun } from './perf-run.js';

/**
 * The load tools' outputs Radiator imports, by the name a caller gives (`POST /api/v1/perf/:format`,
 * `push-perf --format`). Each throws a PerfImportError naming the line or field of a malformed file.
 */
export const perfFormats: Readonly<Record<'autocannon' | 'k6' | 'jtl', (text: string, run: ImportRun) => PerfEvent[]>> = {
  autocannon: importAutocannon,
  k6: importK6,
  jtl: (text, run) => importJmeterJtl(text, run),
};

export type PerfFormat = keyof typeof perfFormats;

export const isPerfFormat = (name: string): name is PerfFormat => Object.hasOwn(perfFormats, name);

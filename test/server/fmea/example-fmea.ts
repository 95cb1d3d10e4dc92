import { readFileSync } from 'node:fs';

/** The shipped example FMEA (config/fmea/database-storage.json) as parsed JSON, for tests to break on purpose. */
export function exampleFmea(): {
  id: string;
  modes: Record<string, unknown>[];
  [key: string]: unknown;
} {
  return JSON.parse(readFileSync('config/fmea/database-storage.json', 'utf8'));
}

import { readFileSync } from 'node:fs';
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

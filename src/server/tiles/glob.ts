import { z } from 'zod';

/** Compiles shell-style globs (`web*`, `db0?`) into one matcher; no patterns = match everything. */
export function globMatcher(patterns: readonly string[] | undefined): (name: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const regexes = patterns.map(globRegex);
  return (name) => regexes.some((r) => r.test(name));
}

/** Which of the patterns a name matches first (its index), -1 for none: for tiles that show things in their patterns' order. */
export function globRank(patterns: readonly string[]): (name: string) => number {
  const regexes = patterns.map(globRegex);
  return (name) => regexes.findIndex((r) => r.test(name));
}

function globRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
}

/** Tile option: names or globs, at least one when given; absent = everything. */
export const globListOption = z.array(z.string().min(1)).min(1).optional();

import { z } from 'zod';

/** Compiles shell-style globs (`web*`, `db0?`) into one matcher; no patterns = match everything. */
export function globMatcher(patterns: readonly string[] | undefined): (name: string) => boolean {
  if (!patterns || patterns.length === 0) return () => true;
  const regexes = patterns.map(
    (p) => new RegExp(`^${p.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`),
  );
  return (name) => regexes.some((r) => r.test(name));
}

/** Tile option: names or globs, at least one when given; absent = everything. */
export const globListOption = z.array(z.string().min(1)).min(1).optional();

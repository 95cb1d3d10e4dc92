import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface SmallDisk {
  dir: string;
  run(...args: string[]): void;
  unmount(): void;
}

/**
 * A real small disk: a 4 MB tmpfs mounted for the test (root only; a string saying why elsewhere, for
 * the test to skip with), filled up or remounted read-only, as a data directory on a full or failing
 * disk would be.
 */
export function mountSmallDisk(): SmallDisk | string {
  if (process.getuid?.() !== 0) return 'needs root to mount a small tmpfs';
  const dir = mkdtempSync(path.join(tmpdir(), 'radiator-small-disk-'));
  const run = (...args: string[]) => void execFileSync(args[0]!, args.slice(1), { stdio: 'pipe' });
  try {
    run('mount', '-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', dir);
  } catch (err) {
    return `cannot mount a tmpfs: ${(err as Error).message.split('\n')[0]}`;
  }
  return {
    dir,
    run,
    unmount: () => {
      run('umount', '-l', dir);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Writes a file into `dir` until the disk is full; returns its path (remove it to free the space). */
export function fillDisk(dir: string): string {
  const filler = path.join(dir, 'filler');
  const chunk = Buffer.alloc(64 * 1024, 1);
  const fd = openSync(filler, 'w');
  try {
    for (;;) writeSync(fd, chunk);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
  } finally {
    closeSync(fd);
  }
  return filler;
}

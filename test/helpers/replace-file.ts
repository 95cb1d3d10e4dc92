import { renameSync, writeFileSync } from 'node:fs';

/**
 * Replaces a file that a running daemon reads (munin-node's plugins, Nagios' status.dat) in one
 * step: written next to it, then renamed over it, so a reader sees the old text or the new, never
 * an empty or half-written file.
 */
export function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

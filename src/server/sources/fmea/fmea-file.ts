import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';
import path from 'node:path';
import type { ConfigProblem } from '../../config/config-error.js';
import type { FmeaDocument } from '../../fmea/fmea-document.js';
import { parseFmeaText } from '../../fmea/fmea-text.js';
import { rpn } from '../../fmea/rpn.js';
import type { FileVersion, FmeaFile, FmeaFileError, FmeaReadingDocument } from '../../readings/fmea.js';
import { plainLine } from '../../../shared/plain-text.js';

/** What one look at a configured file gives: its state for the reading, or why it has none yet. */
export type ExaminedFile = { ok: true; state: FmeaFile } | { ok: false; file: string; problems: ConfigProblem[] };

export interface ExamineOptions {
  maxBytes: number;
  now: number;
  signal: AbortSignal;
}

// problems kept per file: enough to fix a file, bounded however broken it is
const MAX_PROBLEMS = 20;

/**
 * Looks at one FMEA file against what the last reading held for it (`previous`). Unchanged on disk
 * (same inode, size and times): the previous state as it is, without reading the file. Changed:
 * read (bounded), and parsed only when its content differs. A version that cannot be used keeps
 * the previous good document with the problems as its `error`; with no good version to keep, the
 * file has no state and `problems` say why.
 */
export async function examineFmeaFile(file: string, previous: FmeaFile | null, options: ExamineOptions): Promise<ExaminedFile> {
  const unusable = (problems: ConfigProblem[], seen: FileVersion | null): ExaminedFile =>
    previous ? { ok: true, state: withError(previous, seen, problems) } : { ok: false, file, problems: bounded(problems) };

  let onDisk;
  try {
    onDisk = await stat(file);
  } catch (err) {
    return unusable([{ path: '$', message: cannotRead(file, err) }], null);
  }
  if (previous?.seen && sameFile(previous.seen, onDisk)) return { ok: true, state: previous };
  if (!onDisk.isFile()) return unusable([{ path: '$', message: 'not a regular file; "files" must name FMEA JSON files' }], null);
  if (onDisk.size > options.maxBytes) {
    return unusable([{ path: '$', message: `the file is ${onDisk.size} bytes, over this source's maxBytes of ${options.maxBytes}; split it or raise maxBytes` }], null);
  }

  let content: { bytes: Buffer; version: FileVersion };
  try {
    content = await readBounded(file, options.maxBytes, options.signal);
  } catch (err) {
    if (options.signal.aborted) throw err;
    return unusable([{ path: '$', message: cannotRead(file, err) }], null);
  }
  const { bytes, version } = content;
  if (version.size > options.maxBytes) {
    return unusable([{ path: '$', message: `the file grew past this source's maxBytes of ${options.maxBytes} while being read; split it or raise maxBytes` }], null);
  }
  // touched, or rewritten with the same text: nothing to parse again
  if (previous?.seen?.sha256 === version.sha256) return { ok: true, state: { ...previous, seen: version } };

  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unusable([{ path: '$', message: 'not UTF-8 text; save the file as UTF-8' }], version);
  }
  const parsed = parseFmeaText(text);
  if (!parsed.ok) return unusable(parsed.problems, version);
  return { ok: true, state: { file, document: withRpn(parsed.document), loadedAt: options.now, error: null, seen: version } };
}

/** The one-line reason a file is not (or no longer) shown, for the wall and for a failed poll. */
export function describeProblems(file: string, problems: readonly ConfigProblem[]): string {
  const [first] = problems;
  if (!first) return `${file}: unusable`;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : '';
  return plainLine(`${file}: ${first.path}: ${first.message}${more}`, 600);
}

/** The last good version of a file kept, with why what is on disk now (`seen`) is not shown. */
export function withError(kept: FmeaFile, seen: FileVersion | null, problems: readonly ConfigProblem[]): FmeaFile {
  const error: FmeaFileError = { message: describeProblems(kept.file, problems), problems: bounded(problems) };
  return { ...kept, seen, error };
}

// problem messages quote the file's own text (keys, values): as hostile as the file
function bounded(problems: readonly ConfigProblem[]): ConfigProblem[] {
  return problems.slice(0, MAX_PROBLEMS).map((p) => ({ path: plainLine(p.path, 300), message: plainLine(p.message, 500) }));
}

function withRpn(document: FmeaDocument): FmeaReadingDocument {
  const { $schema: _schema, ...rest } = document;
  return { ...rest, modes: document.modes.map((mode) => ({ ...mode, rpn: rpn(mode.severity, mode.occurrence, mode.detection) })) };
}

function sameFile(seen: FileVersion, now: { ino: number; size: number; mtimeMs: number; ctimeMs: number }): boolean {
  return seen.ino === now.ino && seen.size === now.size && seen.mtimeMs === now.mtimeMs && seen.ctimeMs === now.ctimeMs;
}

/** At most `maxBytes` + 1 bytes (one more tells a file that grew past the limit), with the version they came from. */
async function readBounded(file: string, maxBytes: number, signal: AbortSignal): Promise<{ bytes: Buffer; version: FileVersion }> {
  const handle = await open(file, 'r');
  try {
    // the inode and times of what is read, from the open file itself: a rename over it later is a new version next poll
    const info = await handle.stat();
    const chunks: Buffer[] = [];
    let length = 0;
    while (length <= maxBytes) {
      signal.throwIfAborted();
      const chunk = Buffer.alloc(Math.min(64 * 1024, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, length);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
    }
    const bytes = Buffer.concat(chunks, length);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    return { bytes, version: { ino: info.ino, size: length, mtimeMs: info.mtimeMs, ctimeMs: info.ctimeMs, sha256 } };
  } finally {
    await handle.close();
  }
}

function cannotRead(file: string, err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  const where = path.isAbsolute(file) ? '' : ` (a relative path is read from the directory the server was started in, ${process.cwd()})`;
  if (code === 'ENOENT') return `file not found${where}`;
  if (code === 'EACCES' || code === 'EPERM') return `permission denied: the server cannot read it`;
  if (code === 'EISDIR') return 'a directory; "files" must name FMEA JSON files';
  return `cannot read it: ${(err as Error).message}`;
}

import { mkdtempSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FmeaReading } from '../../../src/server/readings/fmea.js';
import { readingSchema } from '../../../src/server/readings/registry.js';
import { fmeaSource } from '../../../src/server/sources/fmea.js';
import { registerSourceKind } from '../../../src/server/sources/registered-source-kind.js';
import { replaceFile } from '../../helpers/replace-file.js';

const T0 = Date.UTC(2030, 0, 1);
const example = readFileSync('config/fmea/database-storage.json', 'utf8');

/** One configured fmea source, polled by hand on an injected clock, each poll handed the last good reading. */
function fmeaPoller(options: Record<string, unknown>) {
  const bound = registerSourceKind(fmeaSource).bind(options);
  if (bound.arrives !== 'polled') throw new Error('the fmea kind must be polled');
  let now = T0;
  let previous: FmeaReading | null = null;
  return {
    async poll(): Promise<FmeaReading> {
      now += 5_000;
      const reading = await bound.poll(new AbortController().signal, { previous, env: {}, now: () => now, deadline: now + 10_000 });
      if (reading.type !== 'fmea') throw new Error(`expected an fmea reading, got ${reading.type}`);
      previous = reading;
      return reading;
    },
  };
}

const edited = (change: (doc: { id: string; modes: Record<string, unknown>[] }) => void) => {
  const doc = JSON.parse(example);
  change(doc);
  return JSON.stringify(doc, null, 2);
};

describe('fmea source', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'radiator-fmea-'));
    file = path.join(dir, 'database-storage.json');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the documents with each mode\'s computed RPN; relative paths from the working directory', async () => {
    const reading = await fmeaPoller({ files: ['config/fmea/database-storage.json'] }).poll();
    expect(reading.files).toHaveLength(1);
    const [loaded] = reading.files;
    expect(loaded).toMatchObject({ file: 'config/fmea/database-storage.json', loadedAt: T0 + 5_000, error: null });
    expect(loaded!.document.function).toBe('Database storage');
    expect(loaded!.document.modes.map((m) => [m.id, m.rpn])).toEqual([
      ['data-corruption', 112],
      ['high-latency', 72],
      ['disk-full', 21],
      ['storage-unavailable', 120],
    ]);
    expect(loaded!.document).not.toHaveProperty('$schema');
    // what the store keeps and restores is the same reading
    expect(readingSchema.parse(JSON.parse(JSON.stringify(reading)))).toEqual(reading);
  });

  it('fails the first poll on a missing file, saying which and where relative paths are read from', async () => {
    await expect(fmeaPoller({ files: ['fmea/nowhere.json'] }).poll()).rejects.toThrow(
      `fmea/nowhere.json: $: file not found (a relative path is read from the directory the server was started in, ${process.cwd()})`,
    );
    await expect(fmeaPoller({ files: [path.join(dir, 'gone.json')] }).poll()).rejects.toThrow(/gone\.json: \$: file not found$/);
  });

  it('fails the first poll on a malformed file, naming the file and the JSON path of each problem', async () => {
    replaceFile(file, edited((doc) => {
      doc.modes[0]!.severity = 11;
      doc.modes[1]!.rpn = 72;
    }));
    await expect(fmeaPoller({ files: [file] }).poll()).rejects.toThrow(`${file}: $.modes[0].severity: expected a whole number from 1 to 10 (severity) (got 11) (and 1 more problem)`);
  });

  it('keeps the last good version when an edit breaks the file, with the error beside it', async () => {
    replaceFile(file, example);
    const poller = fmeaPoller({ files: [file] });
    const good = await poller.poll();

    replaceFile(file, edited((doc) => {
      doc.modes[2]!.severity = 11;
      delete doc.modes[3]!.effect;
      doc.modes[0]!.rpn = 500;
    }));
    const broken = await poller.poll();
    expect(broken.files[0]!.document).toEqual(good.files[0]!.document);
    expect(broken.files[0]!.loadedAt).toBe(good.files[0]!.loadedAt);
    expect(broken.files[0]!.error).toEqual({
      message: `${file}: $.modes[0].rpn: the RPN is computed as severity × occurrence × detection (here 8 × 2 × 7 = 112), never typed: remove "rpn" and rate the three instead (and 2 more problems)`,
      problems: [
        { path: '$.modes[0].rpn', message: expect.stringMatching(/^the RPN is computed/) },
        { path: '$.modes[2].severity', message: 'expected a whole number from 1 to 10 (severity) (got 11)' },
        { path: '$.modes[3].effect', message: 'missing; expected string' },
      ],
    });

    // still broken on the next poll, without reading it again
    const still = await poller.poll();
    expect(still.files[0]!.error?.message).toBe(broken.files[0]!.error?.message);

    replaceFile(file, example.replace('"severity": 8,', '"severity": 8'));
    const badJson = await poller.poll();
    expect(badJson.files[0]!.document).toEqual(good.files[0]!.document);
    expect(badJson.files[0]!.error?.message).toMatch(new RegExp(`^${file.replace(/[.\\]/g, '\\$&')}: \\$: not valid JSON at line \\d+, column \\d+`));

    rmSync(file);
    const gone = await poller.poll();
    expect(gone.files[0]!.document).toEqual(good.files[0]!.document);
    expect(gone.files[0]!.error?.message).toBe(`${file}: $: file not found`);
  });

  it('picks up a valid edit on the next poll, and clears the error', async () => {
    replaceFile(file, example);
    const poller = fmeaPoller({ files: [file] });
    await poller.poll();
    replaceFile(file, example.replace('"severity": 8,', '"severity": 11,'));
    expect((await poller.poll()).files[0]!.error).not.toBeNull();

    replaceFile(file, example.replace('"severity": 8,', '"severity": 9,'));
    const reloaded = await poller.poll();
    expect(reloaded.files[0]).toMatchObject({ error: null, loadedAt: T0 + 15_000 });
    expect(reloaded.files[0]!.document.modes[0]).toMatchObject({ id: 'data-corruption', severity: 9, rpn: 9 * 2 * 7 });
  });

  it('does not parse a file again while it is unchanged, nor when only its time changed', async () => {
    replaceFile(file, example);
    const poller = fmeaPoller({ files: [file] });
    const first = await poller.poll();
    const unchanged = await poller.poll();
    expect(unchanged.files[0]).toEqual(first.files[0]);

    utimesSync(file, new Date(T0 + 60_000), new Date(T0 + 60_000));
    const touched = await poller.poll();
    expect(touched.files[0]!.loadedAt).toBe(first.files[0]!.loadedAt);
    expect(touched.files[0]!.seen).toMatchObject({ mtimeMs: T0 + 60_000, sha256: first.files[0]!.seen!.sha256 });
  });

  it('refuses a file over maxBytes, keeping the last good version', async () => {
    replaceFile(file, example);
    const poller = fmeaPoller({ files: [file], maxBytes: 10_000 });
    await poller.poll();
    replaceFile(file, example.replace('"description": "', `"description": "${' '.repeat(10_000)}`));
    const big = await poller.poll();
    expect(big.files[0]!.error?.message).toMatch(/: \$: the file is \d+ bytes, over this source's maxBytes of 10000; split it or raise maxBytes$/);
    expect(big.files[0]!.document.function).toBe('Database storage');
  });

  it('gives each document its own id across files: an edit that takes another file\'s id is a broken edit', async () => {
    const second = path.join(dir, 'replica-storage.json');
    replaceFile(file, example);
    replaceFile(second, edited((doc) => {
      doc.id = 'replica-storage';
    }));
    const poller = fmeaPoller({ files: [second, file] });
    expect((await poller.poll()).files.map((f) => f.document.id)).toEqual(['replica-storage', 'database-storage']);

    replaceFile(second, example);
    const clash = await poller.poll();
    expect(clash.files.map((f) => [f.document.id, f.error?.message ?? null])).toEqual([
      ['replica-storage', `${second}: $.id: document id "database-storage" is also the id of ${file}; give each FMEA its own id`],
      ['database-storage', null],
    ]);

    await expect(fmeaPoller({ files: [file, second] }).poll()).rejects.toThrow(`${second}: $.id: document id "database-storage" is also the id of ${file}`);
  });

  it('refuses a file listed twice in its options', () => {
    const result = fmeaSource.options.safeParse({ files: ['a.json', 'b.json', 'a.json'] });
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ['files', 2], message: '"a.json" is listed twice; list each file once' })]);
  });
});

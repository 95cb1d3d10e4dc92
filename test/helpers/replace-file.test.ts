import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaceFile } from './replace-file.js';

describe('replacing a file a daemon reads', () => {
  it('swaps in the new text and leaves nothing else behind', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'radiator-replace-'));
    const file = path.join(dir, 'values');
    writeFileSync(file, 'p95.value 310\n');
    replaceFile(file, 'p95.value 450\n');
    expect(readFileSync(file, 'utf8')).toBe('p95.value 450\n');
    expect(readdirSync(dir)).toEqual(['values']);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { perfEventId, perfUpload, type UploadAccess } from '../../../src/server/push/perf-upload.js';

const file = readFileSync(new URL('../../fixtures/perf/autocannon-result.json', import.meta.url), 'utf8');
const access: UploadAccess = { allowed: ['perf'], eventKindOf: (id) => (id === 'perf' ? 'perf' : undefined) };

describe('perfUpload', () => {
  it('keys each result by source, revision, metric and run: the same upload gets the same ids', () => {
    const first = perfUpload('autocannon', file, { revision: 'r7' }, access);
    const again = perfUpload('autocannon', file, { revision: 'r7' }, access);
    const rerun = perfUpload('autocannon', file, { revision: 'r7', run: '2' }, access);
    if (!first.ok || !again.ok || !rerun.ok) throw new Error('expected uploads');
    const ids = first.events.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(again.events.map((e) => e.id)).toEqual(ids);
    expect(rerun.events.map((e) => e.id).filter((id) => ids.includes(id))).toEqual([]);
    expect(ids[0]).toBe(perfEventId('perf', 'r7', first.events[0]!.metric, ''));
    expect(ids[0]).toMatch(/^perf-[0-9a-f]{40}$/);
    expect(first.events.every((e) => e.source === 'perf' && e.kind === 'perf')).toBe(true);
  });

  it('reads commits as git log --format=\'%h|%an|%s\' writes them, a "|" in the message kept', () => {
    const upload = perfUpload('autocannon', file, { revision: 'r7', commit: ['c0ffee|Dana|Index orders | customers', 'beef'] }, access);
    if (!upload.ok) throw new Error(upload.message);
    expect(upload.events[0]!.commits).toEqual([{ id: 'c0ffee', author: 'Dana', message: 'Index orders | customers' }, { id: 'beef' }]);
  });

  it('takes ?at= as epoch ms or ISO with an offset, and refuses anything else by name', () => {
    const iso = perfUpload('autocannon', file, { revision: 'r7', at: '2026-12-01T12:00:00Z' }, access);
    const ms = perfUpload('autocannon', file, { revision: 'r7', at: String(Date.UTC(2026, 11, 1, 12)) }, access);
    expect(iso.ok && iso.events[0]!.at).toBe(Date.UTC(2026, 11, 1, 12));
    expect(ms.ok && ms.events[0]!.at).toBe(Date.UTC(2026, 11, 1, 12));
    expect(perfUpload('autocannon', file, { revision: 'r7', at: 'yesterday' }, access)).toMatchObject({ ok: false, status: 400, message: expect.stringMatching(/^at: expected when the test ran/) });
    expect(perfUpload('autocannon', file, { revision: 'r7', commit: Array(21).fill('c') }, access)).toMatchObject({ ok: false, message: expect.stringMatching(/^commit: 21 given; at most 20/) });
  });
});

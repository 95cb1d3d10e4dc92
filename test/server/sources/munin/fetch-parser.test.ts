import { describe, expect, it } from 'vitest';
import { parseFetch } from '../../../../src/server/sources/munin/fetch-parser.js';
import { reply } from './transcript.js';

describe('munin fetch parser', () => {
  it('reads the values of a real fetch', () => {
    const values = parseFetch('cpu', reply('fetch cpu')).get('cpu')!;
    expect(values.get('user')).toEqual({ raw: 53682, at: null, invalid: null });
    expect(values.size).toBe(9);
  });

  it('groups multigraph output by section', () => {
    const result = parseFetch('diskstats', reply('fetch diskstats'));
    expect([...result.keys()]).toContain('diskstats_latency.vda');
    expect(result.get('diskstats_iops.vda')!.get('avgwrrqsz')!.raw).toBe(8.192);
    expect(result.has('diskstats')).toBe(false);
  });

  it('turns U into no value, keeps plugin timestamps and flags garbage', () => {
    const values = parseFetch('p', ['a.value U', 'b.value 1700000000:42.5', 'c.value 1e3', 'd.value twelve', 'e.extinfo ignored', 'f.value -0.5']).get('p')!;
    expect(values.get('a')).toEqual({ raw: null, at: null, invalid: null });
    expect(values.get('b')).toEqual({ raw: 42.5, at: 1_700_000_000_000, invalid: null });
    expect(values.get('c')!.raw).toBe(1000);
    expect(values.get('d')).toEqual({ raw: null, at: null, invalid: 'twelve' });
    expect(values.has('e')).toBe(false);
    expect(values.get('f')!.raw).toBe(-0.5);
  });

  it('accepts an empty fetch (diskstats on its first run)', () => {
    expect(parseFetch('diskstats', []).size).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { parseGraphArgs } from '../../../../src/server/sources/munin/graph-args.js';

describe('munin graph_args', () => {
  it('reads limits, --rigid and --base as stock plugins write them', () => {
    // cpu, memory, df, load of Debian's munin 2.0
    expect(parseGraphArgs('--base 1000 -r --lower-limit 0 --upper-limit 400')).toEqual({ lower: 0, upper: 400, rigid: true, base: 1000 });
    expect(parseGraphArgs('--base 1024 -l 0 --upper-limit 8270000000')).toEqual({ lower: 0, upper: 8_270_000_000, rigid: false, base: 1024 });
    expect(parseGraphArgs('--upper-limit 100 -l 0')).toEqual({ lower: 0, upper: 100, rigid: false, base: 1000 });
    expect(parseGraphArgs('--base 1000 -l 0')).toEqual({ lower: 0, upper: null, rigid: false, base: 1000 });
  });

  it('accepts --opt=value, attached short values and negative numbers', () => {
    expect(parseGraphArgs('--lower-limit=-10 --upper-limit=10 --rigid')).toEqual({ lower: -10, upper: 10, rigid: true, base: 1000 });
    expect(parseGraphArgs('-l-5 -u5 -b1024')).toEqual({ lower: -5, upper: 5, rigid: false, base: 1024 });
    expect(parseGraphArgs('-l -5 -u 1e3')).toEqual({ lower: -5, upper: 1000, rigid: false, base: 1000 });
  });

  it('ignores other rrdtool options and values it cannot read', () => {
    expect(parseGraphArgs('--logarithmic --units=si --units-exponent 0 -l 1')).toEqual({ lower: 1, upper: null, rigid: false, base: 1000 });
    expect(parseGraphArgs('--lower-limit abc --upper-limit')).toBeNull();
    expect(parseGraphArgs('--base 999 -u 5')).toMatchObject({ base: 1000, upper: 5 });
  });

  it('is null when the args say nothing about the axis', () => {
    expect(parseGraphArgs('')).toBeNull();
    expect(parseGraphArgs('--base 1000')).toBeNull();
    expect(parseGraphArgs(undefined)).toBeNull(); // a carry edited by hand
  });
});

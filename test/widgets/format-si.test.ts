import { describe, expect, it } from 'vitest';
import { formatSi } from '../../src/widgets/format-si.js';

describe('formatSi', () => {
  it('shortens with SI prefixes, or with powers of 1024 for munin --base 1024 graphs', () => {
    expect(formatSi(23_900_000_000)).toBe('23.9 G');
    expect(formatSi(950)).toBe('950');
    expect(formatSi(8 * 1024 ** 3, 1024)).toBe('8 G');
    expect(formatSi(8 * 1024 ** 3)).toBe('8.59 G');
    expect(formatSi(1000, 1024)).toBe('1,000');
    expect(formatSi(null)).toBe('—');
  });
});

import { describe, expect, it } from 'vitest';
import { formatThresholdRange, parseThresholdRange } from '../../src/shared/threshold-range.js';

describe('munin threshold ranges', () => {
  it('reads the four forms of min:max', () => {
    expect(parseThresholdRange('400')).toEqual({ min: null, max: 400 });
    expect(parseThresholdRange('10:')).toEqual({ min: 10, max: null });
    expect(parseThresholdRange(':90')).toEqual({ min: null, max: 90 });
    expect(parseThresholdRange('5:10')).toEqual({ min: 5, max: 10 });
    expect(parseThresholdRange(' -1.5:2e3 ')).toEqual({ min: -1.5, max: 2000 });
    expect(parseThresholdRange('~:7')).toEqual({ min: null, max: 7 });
  });

  it('ignores what is not a range, so a garbled config raises no false alarm', () => {
    for (const bad of ['', ':', 'abc', '10:5', '1:2:3', 'NaN', 'Infinity', '5%']) expect(parseThresholdRange(bad), bad).toBeNull();
  });

  it('writes ranges back in munin syntax', () => {
    for (const text of ['400', '10:', '5:10', '-3:']) expect(formatThresholdRange(parseThresholdRange(text)!)).toBe(text);
  });
});

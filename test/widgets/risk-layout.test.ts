import { describe, expect, it } from 'vitest';
import { FULL_CARDS_WANTED, fullCardsFit, nameTooNarrow, NAME_MIN_IN_FLOORS, riskRowFont } from '../../src/widgets/risk-layout.js';

describe('risk layout rules', () => {
  it('keeps full cards while FULL_CARDS_WANTED of them fit, or every mode there is', () => {
    expect(FULL_CARDS_WANTED).toBe(3);
    expect(fullCardsFit(3, 10)).toBe(true);
    expect(fullCardsFit(2, 10)).toBe(false);
    expect(fullCardsFit(0, 10)).toBe(false);
    // fewer modes than wanted: full cards as long as all of them fit
    expect(fullCardsFit(2, 2)).toBe(true);
    expect(fullCardsFit(1, 2)).toBe(false);
    expect(fullCardsFit(0, 0)).toBe(true);
  });

  it('calls a one-line name a stub below NAME_MIN_IN_FLOORS text floors, the rank taking two more', () => {
    const floor = 19;
    const limit = (NAME_MIN_IN_FLOORS + 2) * floor;
    expect(nameTooNarrow(limit - 1, floor)).toBe(true);
    expect(nameTooNarrow(limit, floor)).toBe(false);
    expect(nameTooNarrow(limit * 2, floor * 2)).toBe(false);
    expect(nameTooNarrow(limit * 2 - 1, floor * 2)).toBe(true);
  });

  it('sizes one-line rows by how many share the tile, as if there were at least three', () => {
    expect(riskRowFont(1)).toBe('clamp(var(--text-min), min(20.67cqh, 4.6cqw), 6vh)');
    expect(riskRowFont(3)).toBe(riskRowFont(0));
    expect(riskRowFont(8)).toBe('clamp(var(--text-min), min(7.75cqh, 4.6cqw), 6vh)');
  });
});

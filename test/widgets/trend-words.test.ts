import { describe, expect, it } from 'vitest';
import { alsoWords, movedLayerWords, signedPercent } from '../../src/widgets/trend-words.js';

describe('trend words', () => {
  it('says a change in percent with its sign: whole from 10 up, one decimal below, a real minus', () => {
    expect(signedPercent(46.4)).toBe('+46 %');
    expect(signedPercent(-12.6)).toBe('−13 %');
    expect(signedPercent(3.24)).toBe('+3.2 %');
    expect(signedPercent(-0.26)).toBe('−0.3 %');
    expect(signedPercent(0.04)).toBe('±0 %');
  });

  it('splits the layer words where the layer that moved ends', () => {
    expect(movedLayerWords({ layers: 'db +75 %, cpu flat', movedLayer: 'db' })).toEqual({ moved: 'db +75 %', rest: ', cpu flat' });
    expect(movedLayerWords({ layers: 'db +75 %', movedLayer: 'db' })).toEqual({ moved: 'db +75 %', rest: '' });
    expect(movedLayerWords({ layers: 'cpu flat, db +75 %', movedLayer: 'db' })).toBeNull();
    expect(movedLayerWords({ layers: 'db +75 %', movedLayer: null })).toBeNull();
    expect(movedLayerWords({ layers: null, movedLayer: 'db' })).toBeNull();
  });

  it('says what else a regression brought, or nothing', () => {
    expect(alsoWords({ moreCommits: 2, alsoRegressed: ['p95', 'errors'] })).toBe('+2 more commits · also red: p95, errors');
    expect(alsoWords({ moreCommits: 1, alsoRegressed: [] })).toBe('+1 more commit');
    expect(alsoWords({ moreCommits: 0, alsoRegressed: ['p99'] })).toBe('also red: p99');
    expect(alsoWords({ moreCommits: 0, alsoRegressed: [] })).toBe('');
  });
});

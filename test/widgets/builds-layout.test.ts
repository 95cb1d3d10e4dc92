import { describe, expect, it } from 'vitest';
import type { BuildsJobStatus, BuildsJobView } from '../../src/shared/views/builds.js';
import { brokenJobFont, wallSections } from '../../src/widgets/builds-layout.js';

function job(key: string, status: BuildsJobStatus): BuildsJobView {
  return {
    key, name: key, url: null, status, word: status.toUpperCase(), building: false, number: null, since: null, startedAt: null,
    estimatedMs: null, culprits: [], moreCulprits: 0, change: null, changes: 0, blocked: null,
  };
}

describe('the builds wall', () => {
  it('shows failed and unstable jobs as cards, then builds in progress, then the rest as chips, each in the order given', () => {
    const jobs = [job('a', 'failed'), job('b', 'building'), job('c', 'success'), job('d', 'unstable'), job('e', 'aborted'), job('f', 'building'), job('g', 'disabled'), job('h', 'notbuilt')];
    const { broken, running, rest } = wallSections(jobs);
    expect(broken.map((j) => j.key)).toEqual(['a', 'd']);
    expect(running.map((j) => j.key)).toEqual(['b', 'f']);
    expect(rest.map((j) => j.key)).toEqual(['c', 'e', 'g', 'h']);
  });

  it('sizes broken cards so that together they take about two fifths of the tile, one at most 8 cqh', () => {
    expect(brokenJobFont(0)).toBe('clamp(var(--value-min), min(8.00cqh, 4.6cqw), 10vh)');
    expect(brokenJobFont(1)).toBe(brokenJobFont(0));
    expect(brokenJobFont(2)).toBe('clamp(var(--value-min), min(8.00cqh, 4.6cqw), 10vh)');
    expect(brokenJobFont(3)).toBe('clamp(var(--value-min), min(5.38cqh, 4.6cqw), 10vh)');
    expect(brokenJobFont(10)).toBe('clamp(var(--value-min), min(1.62cqh, 4.6cqw), 10vh)');
  });
});

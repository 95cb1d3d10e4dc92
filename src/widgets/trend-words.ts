import type { TrendRegression } from '../shared/views/trend.js';

/** "+46 %", "−3.2 %", "±0 %": whole percents from 10 up, one decimal below, a real minus sign. */
export function signedPercent(percent: number): string {
  const amount = Math.abs(percent) >= 10 ? Math.round(Math.abs(percent)) : Math.round(Math.abs(percent) * 10) / 10;
  return amount === 0 ? '±0 %' : `${percent > 0 ? '+' : '−'}${amount} %`;
}

/**
 * The regression's layer words ("db +75 %, cpu flat") split where the layer that moved ends, so it
 * can be marked: null when they do not start with it.
 */
export function movedLayerWords(r: Pick<TrendRegression, 'layers' | 'movedLayer'>): { moved: string; rest: string } | null {
  const words = r.layers ?? '';
  if (!r.movedLayer || !words.startsWith(r.movedLayer)) return null;
  const comma = words.indexOf(',');
  return comma < 0 ? { moved: words, rest: '' } : { moved: words.slice(0, comma), rest: words.slice(comma) };
}

/** "+2 more commits · also red: p95, errors": what else the regression brought; "" when nothing. */
export function alsoWords(r: Pick<TrendRegression, 'moreCommits' | 'alsoRegressed'>): string {
  return [r.moreCommits ? `+${r.moreCommits} more commit${r.moreCommits === 1 ? '' : 's'}` : '', r.alsoRegressed.length ? `also red: ${r.alsoRegressed.join(', ')}` : '']
    .filter(Boolean)
    .join(' · ');
}

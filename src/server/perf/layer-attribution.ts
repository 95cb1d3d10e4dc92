import { median } from './order-statistics.js';

/** How one instrumentation layer's time moved at a regression, against its median over the baseline window. */
export interface LayerChange {
  layer: string;
  /** Median of the layer over the baseline results that have it; null when none has it. */
  baseline: number | null;
  value: number;
  /** value − baseline, in the layer's unit (ms); the whole value for a layer the baseline lacks. */
  change: number;
  /** Signed change against the baseline in percent; null when the baseline is 0 or missing. */
  changePercent: number | null;
  /** `flat` = moved no more than the tolerance; `new` = a layer the baseline results do not have. */
  moved: 'up' | 'down' | 'flat' | 'new';
  /** The layer's part (0–1) of the time all layers gained; 0 for a layer that did not gain. */
  share: number;
}

type Layers = Readonly<Record<string, number>>;

/**
 * Which layer explains a change ("db +38 %, cpu flat"): each layer of the regressing result against
 * the median of the same layer over the results it was judged against. Layers are times, so the one
 * that gained the most explains a slower timing and a lower throughput alike. Most gained first.
 */
export function attributeLayers(layers: Layers | null | undefined, baselineLayers: readonly (Layers | null | undefined)[], tolerancePercent: number): LayerChange[] {
  if (!layers) return [];
  const changes = Object.entries(layers).map(([layer, value]): Omit<LayerChange, 'share'> => {
    const history = baselineLayers.flatMap((other) => (other && Object.hasOwn(other, layer) ? [other[layer]!] : []));
    if (history.length === 0) return { layer, baseline: null, value, change: value, changePercent: null, moved: 'new' };
    const baseline = median(history);
    const change = value - baseline;
    const changePercent = baseline === 0 ? null : (change / Math.abs(baseline)) * 100;
    const beyondTolerance = changePercent === null ? change !== 0 : Math.abs(changePercent) > tolerancePercent;
    return { layer, baseline, value, change, changePercent, moved: !beyondTolerance ? 'flat' : change > 0 ? 'up' : 'down' };
  });
  const gained = changes.reduce((sum, c) => sum + (c.moved === 'up' || c.moved === 'new' ? Math.max(0, c.change) : 0), 0);
  return changes
    .map((c) => ({ ...c, share: gained > 0 && (c.moved === 'up' || c.moved === 'new') ? Math.max(0, c.change) / gained : 0 }))
    .sort((a, b) => b.change - a.change || a.layer.localeCompare(b.layer));
}

/** The layers' movement in words for a headline, most gained first: "db +38 %, cpu flat". */
export function describeLayers(changes: readonly LayerChange[], maxLayers = 3): string {
  return changes
    .slice(0, maxLayers)
    .map((c) => {
      if (c.moved === 'flat') return `${c.layer} flat`;
      if (c.moved === 'new') return `${c.layer} new`;
      if (c.changePercent === null) return `${c.layer} ${c.change > 0 ? '+' : '−'}${formatAmount(Math.abs(c.change))}`;
      return `${c.layer} ${c.changePercent > 0 ? '+' : '−'}${formatAmount(Math.abs(c.changePercent))} %`;
    })
    .join(', ');
}

const formatAmount = (amount: number) => (amount >= 10 ? String(Math.round(amount)) : String(Math.round(amount * 10) / 10));

import type { ScaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import type { Threshold } from '../shared/threshold.js';

interface Band {
  id: string;
  level: 'warning' | 'critical';
  y: number;
  height: number;
}

/**
 * Shades the regions outside the allowed ranges of a chart `size` units high (its viewBox), above
 * max and below min, critical over warning, as `.band-warning` / `.band-critical` rects in `group`.
 */
export function drawThresholdBands(group: SVGGElement | null, warning: Threshold | null, critical: Threshold | null, y: ScaleLinear<number, number>, size: number): void {
  if (!group) return;
  select(group)
    .selectAll<SVGRectElement, Band>('rect')
    .data(bands(warning, critical, y, size), (b) => b.id)
    .join('rect')
    .attr('class', (b) => `band-${b.level}`)
    .attr('x', 0)
    .attr('width', size)
    .attr('y', (b) => b.y)
    .attr('height', (b) => b.height);
}

function bands(warning: Threshold | null, critical: Threshold | null, y: ScaleLinear<number, number>, size: number): Band[] {
  const out: Band[] = [];
  const clamp = (v: number) => Math.max(0, Math.min(size, v));
  for (const [level, range] of [['warning', warning], ['critical', critical]] as const) {
    if (range?.max != null) out.push({ id: `${level}-above`, level, y: 0, height: clamp(y(range.max)) });
    if (range?.min != null) {
      const top = clamp(y(range.min));
      out.push({ id: `${level}-below`, level, y: top, height: size - top });
    }
  }
  return out;
}

import { dropOrder, laneShape } from './deploys-layout.js';
import { TEXT_MIN_VH } from './theme.js';

/**
 * Fits the lanes of the deploys element `host` (its shadow root `root`, `lanes` of them) into it:
 * lanes too narrow for their text become rows (the host's `data-shape`). Then each lane drops its
 * least important parts (`data-fit`: lower goes first; of equals, the lower on the tile) until the rest
 * fits, so a part is shown whole or not at all; the promotion line and rows that do not fit are hidden
 * whole. Written straight into the DOM (no re-render): it depends on layout, not on the view.
 */
export function fitLanesToSize(host: HTMLElement, root: ParentNode, lanes: number): void {
  const floorPx = (window.innerHeight * TEXT_MIN_VH) / 100;
  const shape = laneShape(host.clientWidth, lanes, floorPx);
  if (host.dataset.shape !== shape) host.dataset.shape = shape;
  for (const lane of root.querySelectorAll<HTMLElement>('.lane')) {
    if (shape === 'columns') dropUntilItFits(lane);
    else showWhatRunsIfWhole(lane);
  }
  const rows = root.querySelector<HTMLElement>('.lanes');
  if (shape === 'rows' && rows) hideWhatOverflows(rows, [...rows.querySelectorAll<HTMLElement>('.lane')]);
  const promotion = root.querySelector<HTMLElement>('.promotion');
  if (promotion) hideWhatOverflows(promotion, [...promotion.querySelectorAll<HTMLElement>('.step')]);
}

/** Hides the parts of a lane that matter least (dropOrder) until the rest fits inside it. */
function dropUntilItFits(lane: HTMLElement): void {
  const parts = [...lane.querySelectorAll<HTMLElement>('[data-fit]')];
  for (const part of [...parts, lane.querySelector<HTMLElement>('.now')]) if (part) part.style.display = '';
  const padding = parseFloat(getComputedStyle(lane).paddingBottom) || 0;
  const overflows = () => {
    const bottom = lane.getBoundingClientRect().bottom - padding + 0.5;
    return parts.some((part) => part.style.display !== 'none' && part.getBoundingClientRect().bottom > bottom);
  };
  for (const i of dropOrder(parts.map((part) => Number(part.dataset.fit)))) {
    if (!overflows()) return;
    parts[i]!.style.display = 'none';
  }
}

/** A lane as one row: what runs there is shown only when it fits whole beside the name and state. */
function showWhatRunsIfWhole(lane: HTMLElement): void {
  const now = lane.querySelector<HTMLElement>('.now');
  const manifest = now?.querySelector<HTMLElement>('.manifest');
  if (!now || !manifest) return;
  now.style.display = '';
  if (manifest.scrollWidth > manifest.clientWidth + 0.5) now.style.display = 'none';
}

/** Hides, whole, every item that ends past the container's bottom (they keep their place: nothing moves up half-cut). */
function hideWhatOverflows(container: HTMLElement, items: HTMLElement[]): void {
  for (const item of items) item.style.visibility = '';
  const bottom = container.getBoundingClientRect().bottom + 0.5;
  for (const item of items) if (item.getBoundingClientRect().bottom > bottom) item.style.visibility = 'hidden';
}

/**
 * What of the trend tile's text fits, measured in its shadow root and written straight into the DOM
 * (no re-render: it depends on layout, not on the view): legend entries and headline lines are shown
 * whole or not at all.
 */

/** A layer's legend entry is shown whole or not at all. */
export function fitLegends(root: ParentNode): void {
  for (const legend of root.querySelectorAll<HTMLElement>('.legend')) {
    const box = legend.getBoundingClientRect();
    for (const entry of legend.querySelectorAll<HTMLElement>('.layer')) {
      entry.style.visibility = '';
      const r = entry.getBoundingClientRect();
      if (r.left < box.left - 0.5 || r.right > box.right + 0.5) entry.style.visibility = 'hidden';
    }
  }
}

/**
 * The headline's lines that do not fit go whole, the least telling first (data-keep: the later
 * commits, then the others red too, then how many metrics are not shown, the first commit, the layers
 * last of all).
 */
export function fitHeadline(root: ParentNode): void {
  const headline = root.querySelector<HTMLElement>('.headline');
  if (!headline) return;
  const lines = [...headline.querySelectorAll<HTMLElement>('.line')];
  for (const line of lines) line.style.display = '';
  const byKeep = [...lines].sort((a, b) => Number(a.dataset.keep ?? 0) - Number(b.dataset.keep ?? 0));
  for (const line of byKeep) {
    if (headline.scrollHeight <= headline.clientHeight + 0.5) break;
    line.style.display = 'none';
  }
}

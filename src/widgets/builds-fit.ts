/**
 * Fits the builds wall in `root` (the element's shadow root) into its room: jobs past the wall's
 * bottom are hidden whole (never shown clipped) from the first that does not fit on, so the order
 * stays worst first; "+N more" counts them with the `leftOut` jobs the server did not send. Written
 * straight into the DOM (no re-render): it depends on layout, not on the view.
 */
export function fitJobsToWall(root: ParentNode, leftOut: number): void {
  const wall = root.querySelector<HTMLElement>('.wall');
  const more = root.querySelector<HTMLElement>('.more');
  if (!wall || !more) return;
  const jobs = [...wall.querySelectorAll<HTMLElement>('[data-job]')];
  for (const job of jobs) job.style.visibility = '';
  const bottom = wall.getBoundingClientRect().bottom + 0.5;
  const first = jobs.findIndex((job) => job.getBoundingClientRect().bottom > bottom);
  const cut = first < 0 ? 0 : jobs.length - first;
  if (first >= 0) for (const job of jobs.slice(first)) job.style.visibility = 'hidden';
  const hidden = cut + leftOut;
  more.hidden = hidden === 0;
  more.textContent = hidden ? `+${hidden} more` : '';
}

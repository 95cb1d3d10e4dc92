import { plainLine } from '../../../shared/plain-text.js';
import type { BuildbotWorker } from './api-shapes.js';

const NAMED_WORKERS = 4;

/** The workers configured for each builder, by builderid (indexed once: thousands of builders and workers are fine). */
export function workersByBuilder(workers: readonly BuildbotWorker[]): Map<number, BuildbotWorker[]> {
  const index = new Map<number, BuildbotWorker[]>();
  for (const worker of workers) {
    for (const builderid of new Set(worker.configured_on.map((c) => c.builderid))) {
      const list = index.get(builderid);
      if (list) list.push(worker);
      else index.set(builderid, [worker]);
    }
  }
  return index;
}

/**
 * Why a builder cannot start a build now, from the workers configured for it: null while at least one
 * is connected to a master. A builder no worker is configured for, or whose workers are all offline,
 * would only queue its builds: its last result is not the whole story.
 */
export function blockedReason(configured: readonly BuildbotWorker[] | undefined): string | null {
  if (!configured?.length) return 'no worker configured';
  if (configured.some((w) => w.connected_to.length > 0)) return null;
  const names = configured.slice(0, NAMED_WORKERS).map((w) => plainLine(w.name, 40));
  const more = configured.length - names.length;
  return `no worker connected (${names.join(', ')}${more > 0 ? ` +${more}` : ''} offline)`;
}

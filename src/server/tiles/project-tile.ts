import type { TileView } from '../../shared/tile-view.js';
import type { TileConfig } from '../config/schema.js';
import type { LiveStore } from '../store/store-ports.js';
import { findTileKind } from './registry.js';
import type { Projection, ProjectionInput, TileKind } from './tile-kind.js';

/**
 * One tile's view: the widget's pure projection of its source's reading, framed with the source's
 * health (stale, reason, updatedAt). A stale tile keeps its last data, so the wall never blanks,
 * but its status is unknown and its reason says why.
 */
export function projectTile(tile: TileConfig, store: LiveStore, now: number): TileView {
  const kind = findTileKind(tile.widget);
  if (!kind) throw new Error(`unknown widget "${tile.widget}"`); // config validation rules this out
  const sourceId = tile.source ?? null;
  const reading = sourceId ? store.reading(sourceId) : null;
  const health = sourceId ? store.health(sourceId, now) : null;
  const input = {
    tile: { id: tile.id, title: tile.title ?? tile.id, source: sourceId },
    options: tile.options,
    reading,
    source: health
      ? { ok: health.state !== 'error', error: health.state === 'error' ? (health.lastError ?? 'the last poll failed') : null, lastSuccessAt: health.lastSuccessAt }
      : null,
    history: (series: string) => (sourceId ? store.history(sourceId, series) : []),
    now,
  };
  const projection = projectSafely(kind, input);
  const reasons = [health?.staleReason ?? null, projection.reason ?? null].filter((r): r is string => !!r);
  return {
    id: tile.id,
    widget: tile.widget,
    title: tile.title ?? tile.id,
    // stale data proves nothing about now: say unknown, like Nagios does when a check cannot run;
    // the last known values stay in `data`, so the wall does not blank
    status: health?.stale || (sourceId && !reading) ? 'unknown' : projection.status,
    stale: health?.stale ?? false,
    reason: reasons.length ? reasons.join(' · ') : null,
    updatedAt: health?.lastSuccessAt ? new Date(health.lastSuccessAt).toISOString() : null,
    data: projection.data,
  } as TileView;
}

/**
 * A bug in one widget's projection (or a reading it did not expect) must not take the board, or the
 * server, down with it: that tile alone shows unknown with the error, the others keep updating.
 */
function projectSafely(kind: TileKind, input: ProjectionInput<unknown>): Projection<unknown> {
  try {
    return kind.project(input as never);
  } catch (err) {
    const reason = `cannot build this tile: ${err instanceof Error ? err.message : String(err)}`;
    // the projection of "no reading" is the widget's empty data, which every widget renders
    return { ...kind.project({ ...input, reading: null, history: () => [] } as never), status: 'unknown', reason };
  }
}

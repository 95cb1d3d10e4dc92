import type { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { TileDataByWidget, TileFrame, TileView, WidgetKind } from '../../shared/tile-view.js';
import { isReadingOf, type Reading, type ReadingType, type ReadingTypes } from '../readings/reading-kind.js';
import type { LiveStore } from '../store/store-ports.js';
import type { BoundTile } from './registered-tile-kind.js';
import type { Projection, TileInput, TileKind } from './tile-kind.js';
import { framedView } from './tile-views.js';

/** Frames a widget's projection with its source's health. */
export type FrameOf = (projection: { status: Status; reason?: string | null }) => TileFrame;

/**
 * One tile's view: the widget's pure projection of its source's reading, framed with the source's
 * health (stale, reason, updatedAt). A stale tile keeps its last data, so the wall never blanks,
 * but its status is unknown and its reason says why.
 */
export function projectTile(bound: BoundTile, store: LiveStore, now: number): TileView {
  const { tile } = bound;
  const sourceId = tile.source;
  const reading = sourceId ? store.reading(sourceId) : null;
  const health = sourceId ? store.health(sourceId, now) : null;
  const input: TileInput<Reading> = {
    tile,
    reading,
    source: health
      ? {
          ok: health.state !== 'error',
          error: health.state === 'error' ? (health.lastError ?? 'the last poll failed') : null,
          lastSuccessAt: health.lastSuccessAt,
          stale: health.stale,
        }
      : null,
    history: (series: string) => (sourceId ? store.history(sourceId, series) : []),
    related: (relatedId, type) => {
      const other = store.reading(relatedId);
      const { stale, staleReason } = store.health(relatedId, now);
      return { reading: other !== null && isReadingOf(type, other) ? other : null, stale, reason: staleReason };
    },
    relatedHistory: (relatedId, series) => store.history(relatedId, series),
    stateChanges: (relatedId, since) => store.stateChanges(relatedId, since),
    now,
  };
  return bound.view(input, (projection) => {
    const reasons = [health?.staleReason ?? null, projection.reason ?? null].filter((r): r is string => !!r);
    return {
      id: tile.id,
      title: tile.title,
      // stale data proves nothing about now: say unknown, like Nagios does when a check cannot run;
      // the last known values stay in `data`, so the wall does not blank
      status: health?.stale || (sourceId && !reading) ? 'unknown' : projection.status,
      stale: health?.stale ?? false,
      reason: reasons.length ? reasons.join(' · ') : null,
      updatedAt: health?.lastSuccessAt ? new Date(health.lastSuccessAt).toISOString() : null,
    };
  });
}

/**
 * The view of a tile of `kind`, typed by the kind itself: its registration (registered-tile-kind.ts)
 * calls this with the options it parsed once, so no type is lost between kind and view.
 */
export function viewOf<W extends WidgetKind, S extends z.ZodObject, K extends ReadingType>(
  kind: TileKind<W, S, K>,
  options: z.infer<S>,
  input: TileInput<Reading>,
  frame: FrameOf,
): TileView {
  const projection = projectSafely(kind, options, input);
  return framedView[kind.widget](frame(projection), projection.data);
}

/**
 * A bug in one widget's projection (or a reading it did not expect) must not take the board, or the
 * server, down with it: that tile alone shows unknown with the error, the others keep updating.
 */
function projectSafely<W extends WidgetKind, S extends z.ZodObject, K extends ReadingType>(
  kind: TileKind<W, S, K>,
  options: z.infer<S>,
  input: TileInput<Reading>,
): Projection<TileDataByWidget[W]> {
  try {
    return kind.project({ ...input, options, reading: consumedReading(kind.widget, kind.consumes, input.reading) });
  } catch (err) {
    const reason = `cannot build this tile: ${err instanceof Error ? err.message : String(err)}`;
    // the projection of "no reading" is the widget's empty data, which every widget renders
    const nothing = { reading: null, stale: true };
    return { ...kind.project({ ...input, options, reading: null, history: () => [], related: () => nothing }), status: 'unknown', reason };
  }
}

/**
 * The reading as the kind the widget consumes, checked at run time: config validation pairs tiles
 * with sources of the right kind, but a reading restored from disk may come from before the
 * source's type was changed.
 */
function consumedReading<K extends ReadingType>(widget: string, consumes: K | null, reading: Reading | null): ReadingTypes[K] | null {
  if (reading === null || consumes === null) return null;
  if (isReadingOf(consumes, reading)) return reading;
  throw new Error(`its source gave a ${reading.type} reading; the ${widget} widget reads ${consumes} readings`);
}

import type { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { Reading, ReadingType } from '../sources/reading.js';
import type { HistoryPoint } from '../store/history.js';

/** How the tile's source's polls go, apart from what they read: the reading may be older than this. */
export interface SourcePollState {
  /** false = the last poll failed: `reading` (if any) is the last good one, kept from before. */
  ok: boolean;
  /** Why the last poll failed, in words for the wall; null when it did not fail. */
  error: string | null;
  /** Epoch ms of the last successful poll; null when none (since start or restored state). */
  lastSuccessAt: number | null;
}

export interface ProjectionInput<O> {
  tile: { id: string; title: string; source: string | null };
  options: O;
  /** The source's latest reading, null when it never succeeded (or the tile has no source). */
  reading: Reading | null;
  /**
   * The source's poll health, null (or left out) for tiles without a source. Most widgets ignore it:
   * the frame already marks a failed poll stale with its reason. Widgets whose data says whether
   * the upstream is reachable (alerts) read it, because a failed poll keeps the old reading.
   */
  source?: SourcePollState | null;
  /** Bounded history of one series of the tile's source, oldest first. */
  history(series: string): readonly HistoryPoint[];
  now: number;
}

export interface Projection<D> {
  status: Status;
  data: D;
  /** A widget-level reason (e.g. "Nagios is not executing checks"); source errors are added for you. */
  reason?: string | null;
}

/**
 * One widget kind on the server side: a pure projection from readings to the widget's `data`.
 * Adding a widget = one file exporting this + its entry in ./registry.ts + its Lit element.
 */
export interface TileKind<S extends z.ZodObject = z.ZodObject, D = unknown> {
  widget: string;
  description: string;
  /** The reading type this widget reads, or null for widgets without a source (clock). */
  consumes: ReadingType | null;
  options: S;
  project(input: ProjectionInput<z.infer<S>>): Projection<D>;
}

export function defineTileKind<S extends z.ZodObject, D>(kind: TileKind<S, D>): TileKind<S, D> {
  return kind;
}

import type { z } from 'zod';
import type { Status } from '../../shared/status.js';
import type { TileDataByWidget, WidgetKind } from '../../shared/tile-view.js';
import type { ReadingType, ReadingTypes } from '../readings/reading-kind.js';
import type { HistoryPoint } from '../store/history.js';
import type { StateChangeHistory } from '../store/state-changes.js';

/** How the tile's source's polls go, apart from what they read: the reading may be older than this. */
interface SourcePollState {
  /** false = the last poll failed: `reading` (if any) is the last good one, kept from before. */
  ok: boolean;
  /** Why the last poll failed, in words for the wall; null when it did not fail. */
  error: string | null;
  /** Epoch ms of the last successful poll; null when none (since start or restored state). */
  lastSuccessAt: number | null;
  /**
   * true = `reading` is not current: the last poll failed, it is older than two intervals, or it was
   * restored from disk and not refreshed yet (the frame's reason says which).
   */
  stale: boolean;
}

/** What a projection reads, apart from its own options: the same for every widget kind. */
export interface TileInput<R = unknown> {
  tile: { id: string; title: string; source: string | null };
  /** The source's latest reading, null when it never succeeded (or the tile has no source). */
  reading: R | null;
  /**
   * The source's poll health, null (or left out) for tiles without a source. Most widgets ignore it:
   * the frame already marks a failed poll stale with its reason. Widgets whose data says whether
   * the upstream is reachable, and whether what it shows is current (alerts: "all clear" is a promise
   * about now), read it, because a failed poll keeps the old reading.
   */
  source?: SourcePollState | null;
  /** Bounded history of one series of the tile's source, oldest first. */
  history(series: string): readonly HistoryPoint[];
  /**
   * Another source this tile reads besides its own (one its kind's `related` names), e.g. the deploys
   * an alerts tile knows about: its reading when it is of `type`, and whether that is current.
   */
  related<K extends ReadingType>(sourceId: string, type: K): RelatedReading<ReadingTypes[K]>;
  /** Bounded history of one series of a related source. Left out by projections under test that read none. */
  relatedHistory?(sourceId: string, series: string): readonly HistoryPoint[];
  /** A related monitoring source's check state changes at or after `since` (the store's, kept 30 days). Left out like relatedHistory. */
  stateChanges?(sourceId: string, since: number): StateChangeHistory;
  now: number;
}

/** A related source's reading as a projection sees it: null when it never arrived (or is of another type). */
export interface RelatedReading<R> {
  reading: R | null;
  /** true = `reading` is not current (its source failed or went quiet); projections should not trust it for "now". */
  stale: boolean;
  /** Why it is stale, in words (the source's stale reason); null or left out when it is not. */
  reason?: string | null;
}

/** A source a tile reads besides its own, as its options name it (config validation checks it exists and gives `reads`). */
export interface RelatedSource {
  source: string;
  /** The kind of reading it must give, or the kinds it may give (the projection asks for each). */
  reads: ReadingType | readonly ReadingType[];
  /** Where under the tile's `options` it is named, for error messages. */
  path: PropertyKey[];
}

/** A widget's input: its parsed options, and a reading of the kind it consumes (never another). */
export interface ProjectionInput<O, K extends ReadingType = never> extends TileInput<ReadingTypes[K]> {
  options: O;
}

export interface Projection<D> {
  status: Status;
  data: D;
  /** A widget-level reason (e.g. "Nagios is not executing checks"); source errors are added for you. */
  reason?: string | null;
}

/**
 * One widget kind on the server side: a pure projection from readings to the widget's `data`.
 * Adding a widget = one file exporting this + its entry in ./registry.ts + its view type in
 * src/shared/views/ (one line in TileDataByWidget) + its Lit element.
 */
export interface TileKind<W extends WidgetKind, S extends z.ZodObject, K extends ReadingType = never> {
  widget: W;
  description: string;
  /** The reading type this widget reads, or null for widgets without a source (clock). */
  consumes: K | null;
  options: S;
  project(input: ProjectionInput<z.infer<S>, K>): Projection<TileDataByWidget[W]>;
  /** Other sources these options make the tile read (deploys for marks, CI jobs for lanes); none when left out. */
  related?(options: z.infer<S>): RelatedSource[];
  /**
   * True when the view can change with time alone (a deploy stalls past its timeout, a grace period
   * ends): such tiles are recomputed on every sweep while someone watches. Left out: only when their
   * sources change.
   */
  timed?(options: z.infer<S>): boolean;
}

export function defineTileKind<W extends WidgetKind, S extends z.ZodObject, K extends ReadingType = never>(kind: TileKind<W, S, K>): TileKind<W, S, K> {
  return kind;
}

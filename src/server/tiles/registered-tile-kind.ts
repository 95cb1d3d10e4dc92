import type { z } from 'zod';
import type { TileView, WidgetKind } from '../../shared/tile-view.js';
import type { Reading, ReadingType } from '../readings/reading-kind.js';
import { type FrameOf, viewOf } from './project-tile.js';
import type { RelatedSource, TileInput, TileKind } from './tile-kind.js';

/**
 * A widget kind as the registry lists it: its types are closed over by `bind`, so a list of kinds
 * of different options and readings needs no cast.
 */
export interface RegisteredTileKind {
  readonly widget: WidgetKind;
  readonly description: string;
  readonly consumes: ReadingType | null;
  readonly options: z.ZodObject;
  /** A tile of this kind with its options, parsed once with the kind's own schema (throws when they do not fit it). */
  bind(tile: TileIdentity, options: unknown): BoundTile;
  /** Config validation: the other sources these options name ([] when they do not parse: reported elsewhere). */
  relatedSources(options: unknown): RelatedSource[];
}

/** A tile as its projection knows it: its id, the title shown, the source it reads (null: none). */
export type TileIdentity = TileInput['tile'];

/** One tile, ready to be projected. */
export interface BoundTile {
  readonly tile: TileIdentity;
  /** Ids of the sources it reads besides `tile.source`: a change of any of them recomputes it. */
  readonly related: readonly string[];
  /** Recomputed on every sweep: its view changes with time alone. */
  readonly timed: boolean;
  /** The tile's view: the widget's projection of `input`, framed by `frame` (project-tile.ts). */
  view(input: TileInput<Reading>, frame: FrameOf): TileView;
}

export function registerTileKind<W extends WidgetKind, S extends z.ZodObject, K extends ReadingType>(kind: TileKind<W, S, K>): RegisteredTileKind {
  return {
    widget: kind.widget,
    description: kind.description,
    consumes: kind.consumes,
    options: kind.options,
    bind(tile, rawOptions) {
      const options = kind.options.parse(rawOptions);
      return {
        tile,
        related: [...new Set((kind.related?.(options) ?? []).map((r) => r.source))],
        timed: kind.timed?.(options) ?? false,
        view: (input, frame) => viewOf(kind, options, input, frame),
      };
    },
    relatedSources(rawOptions) {
      const parsed = kind.options.safeParse(rawOptions);
      return parsed.success ? (kind.related?.(parsed.data) ?? []) : [];
    },
  };
}

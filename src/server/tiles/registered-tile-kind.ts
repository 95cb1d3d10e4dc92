import type { z } from 'zod';
import type { TileView, WidgetKind } from '../../shared/tile-view.js';
import type { TileConfig } from '../config/schema.js';
import type { Reading, ReadingType } from '../readings/reading-kind.js';
import { type FrameOf, viewOf } from './project-tile.js';
import type { TileInput, TileKind } from './tile-kind.js';

/**
 * A widget kind as the registry lists it: its types are closed over by `bind`, so a list of kinds
 * of different options and readings needs no cast.
 */
export interface RegisteredTileKind {
  readonly widget: WidgetKind;
  readonly description: string;
  readonly consumes: ReadingType | null;
  readonly options: z.ZodObject;
  /** A configured tile of this kind, its options parsed once with the kind's own schema. */
  bind(tile: TileConfig): BoundTile;
}

/** One configured tile, ready to be projected. */
export interface BoundTile {
  readonly tile: TileConfig;
  /** The tile's view: the widget's projection of `input`, framed by `frame` (project-tile.ts). */
  view(input: TileInput<Reading>, frame: FrameOf): TileView;
}

export function registerTileKind<W extends WidgetKind, S extends z.ZodObject, K extends ReadingType>(kind: TileKind<W, S, K>): RegisteredTileKind {
  return {
    widget: kind.widget,
    description: kind.description,
    consumes: kind.consumes,
    options: kind.options,
    bind(tile) {
      const options = kind.options.parse(tile.options);
      return { tile, view: (input, frame) => viewOf(kind, options, input, frame) };
    },
  };
}

/** A configured tile bound to its kind among `kinds` (config validation made sure there is one). */
export function bindTile(tile: TileConfig, kinds: readonly RegisteredTileKind[]): BoundTile {
  const kind = kinds.find((k) => k.widget === tile.widget);
  if (!kind) throw new Error(`unknown widget "${tile.widget}"`);
  return kind.bind(tile);
}

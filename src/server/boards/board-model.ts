import type { BoardInfo, PlaylistInfo, TilePlacement } from '../../shared/board.js';
import { jsonPath } from '../config/config-error.js';
import { parseDurationMs } from '../config/duration.js';
import type { RadiatorConfig, TileConfig } from '../config/schema.js';
import type { BoundTile, RegisteredTileKind } from '../tiles/registered-tile-kind.js';

/** One board as the server shows it: its grid, where each tile sits, and its tiles bound to their widget kinds. */
export interface Board {
  readonly info: Readonly<BoardInfo>;
  /** In the config's order, as `tiles`. */
  readonly layout: readonly Readonly<TilePlacement>[];
  readonly tiles: readonly BoundTile[];
}

/**
 * The boards and playlists of a validated config, worked out once when the server takes the config:
 * tiles bound to their widget kinds (options parsed), titles defaulted, playlist durations in ms.
 * Nothing that serves a request or projects a tile reads the config itself.
 */
export interface BoardModel {
  readonly boards: ReadonlyMap<string, Board>;
  readonly playlists: ReadonlyMap<string, Readonly<PlaylistInfo>>;
  /** Every configured source, shown on a board or not. */
  readonly sourceIds: readonly string[];
}

/**
 * The model of `config`, which must have passed validation against the same tile kinds (load-config.ts):
 * what validation guarantees (a known widget, options that fit it, a playlist duration) is relied on,
 * and its absence is an error naming the config path, never a silent default.
 */
export function boardModelOf(config: RadiatorConfig, tileKinds: readonly RegisteredTileKind[]): BoardModel {
  const boards = new Map<string, Board>();
  for (const [id, board] of Object.entries(config.boards)) {
    boards.set(id, {
      info: { id, title: board.title, columns: board.columns, rows: board.rows },
      layout: board.tiles.map(({ id: tileId, x, y, w, h }) => ({ id: tileId, x, y, w, h })),
      tiles: board.tiles.map((tile, index) => {
        try {
          return bindTile(tile, tileKinds);
        } catch (err) {
          throw new Error(`${jsonPath(['boards', id, 'tiles', index])}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }),
    });
  }
  const playlists = new Map<string, PlaylistInfo>();
  for (const [id, playlist] of Object.entries(config.playlists)) {
    const everyMs = parseDurationMs(playlist.every);
    if (everyMs === null) {
      throw new Error(`${jsonPath(['playlists', id, 'every'])}: ${JSON.stringify(playlist.every)} is not a duration; expected e.g. "30s", "2m" or a number of seconds`);
    }
    playlists.set(id, { id, title: playlist.title ?? id, boards: [...playlist.boards], everyMs });
  }
  return { boards, playlists, sourceIds: Object.keys(config.sources) };
}

/** A configured tile bound to its widget kind among `kinds`, its options parsed once. */
export function bindTile(tile: TileConfig, kinds: readonly RegisteredTileKind[]): BoundTile {
  const kind = kinds.find((k) => k.widget === tile.widget);
  if (!kind) throw new Error(`unknown widget "${tile.widget}"`);
  return kind.bind({ id: tile.id, title: tile.title ?? tile.id, source: tile.source ?? null }, tile.options);
}

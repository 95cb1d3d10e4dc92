import type { Status } from './status.js';
import type { AlertsData } from './views/alerts.js';
import type { ClockData } from './views/clock.js';
import type { GraphData } from './views/graph.js';
import type { LatencyData } from './views/latency.js';
import type { NumberData } from './views/number.js';

/**
 * What the server sends for one tile, over the socket and in GET /api/v1/boards/:id.
 * The frame fields are the same for every widget; `data` is the widget's own shape.
 */
export interface TileViewOf<W extends string, D> {
  id: string;
  widget: W;
  title: string;
  status: Status;
  /** True when the data shown is not current: the last poll failed, or it is older than 2 intervals. */
  stale: boolean;
  /** Why the tile is stale or in error, in words for the wall; null when all is well. */
  reason: string | null;
  /** ISO time of the data shown (the source's last successful poll), null when there never was one. */
  updatedAt: string | null;
  data: D;
}

export type LatencyTileView = TileViewOf<'latency', LatencyData>;
export type ClockTileView = TileViewOf<'clock', ClockData>;
export type AlertsTileView = TileViewOf<'alerts', AlertsData>;
export type GraphTileView = TileViewOf<'graph', GraphData>;
export type NumberTileView = TileViewOf<'number', NumberData>;

export type TileView = LatencyTileView | ClockTileView | AlertsTileView | GraphTileView | NumberTileView;

export type WidgetKind = TileView['widget'];

import type { Status } from './status.js';
import type { AlertsData } from './views/alerts.js';
import type { BuildsData } from './views/builds.js';
import type { ClockData } from './views/clock.js';
import type { DeploysData } from './views/deploys.js';
import type { GraphData } from './views/graph.js';
import type { LatencyData } from './views/latency.js';
import type { NumberData } from './views/number.js';
import type { RiskData } from './views/risk.js';
import type { TrendData } from './views/trend.js';

/** What every tile view has, whatever its widget: title, status and how current its data is. */
export interface TileFrame {
  id: string;
  title: string;
  status: Status;
  /** True when the data shown is not current: the last poll failed, or it is older than 2 intervals. */
  stale: boolean;
  /** Why the tile is stale or in error, in words for the wall; null when all is well. */
  reason: string | null;
  /** ISO time of the data shown (the source's last successful poll), null when there never was one. */
  updatedAt: string | null;
}

/**
 * What the server sends for one tile, over the socket and in GET /api/v1/boards/:id.
 * The frame fields are the same for every widget; `data` is the widget's own shape.
 */
interface TileViewOf<W extends string, D> extends TileFrame {
  widget: W;
  data: D;
}

/** Each widget's `data` (src/shared/views/<widget>.ts), by widget kind: one line per widget. */
export interface TileDataByWidget {
  latency: LatencyData;
  clock: ClockData;
  alerts: AlertsData;
  graph: GraphData;
  number: NumberData;
  builds: BuildsData;
  deploys: DeploysData;
  trend: TrendData;
  risk: RiskData;
}

export type WidgetKind = keyof TileDataByWidget;

/** The view of widget kind W. */
export type TileViewFor<W extends WidgetKind> = { [K in WidgetKind]: TileViewOf<K, TileDataByWidget[K]> }[W];

export type TileView = TileViewFor<WidgetKind>;

export type LatencyTileView = TileViewFor<'latency'>;
export type ClockTileView = TileViewFor<'clock'>;
export type AlertsTileView = TileViewFor<'alerts'>;
export type GraphTileView = TileViewFor<'graph'>;
export type NumberTileView = TileViewFor<'number'>;
export type BuildsTileView = TileViewFor<'builds'>;
export type DeploysTileView = TileViewFor<'deploys'>;
export type RiskTileView = TileViewFor<'risk'>;
export type TrendTileView = TileViewFor<'trend'>;

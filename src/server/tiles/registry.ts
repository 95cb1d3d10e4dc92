import { alertsTile } from './alerts.js';
import { clockTile } from './clock.js';
import { graphTile } from './graph.js';
import { latencyTile } from './latency.js';
import { numberTile } from './number.js';
import type { TileKind } from './tile-kind.js';

/** Every widget kind the server can project. Config validation reads this list too. */
export const tileKinds: readonly TileKind[] = [latencyTile, clockTile, alertsTile, graphTile, numberTile] as unknown as readonly TileKind[];

export function findTileKind(widget: string): TileKind | undefined {
  return tileKinds.find((k) => k.widget === widget);
}

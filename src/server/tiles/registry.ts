import { alertsTile } from './alerts.js';
import { buildsTile } from './builds.js';
import { clockTile } from './clock.js';
import { deploysTile } from './deploys.js';
import { graphTile } from './graph.js';
import { latencyTile } from './latency.js';
import { numberTile } from './number.js';
import { trendTile } from './trend.js';
import { registerTileKind, type RegisteredTileKind } from './registered-tile-kind.js';
import { riskTile } from './risk.js';

/** Every widget kind the server can project; the composition root hands it to config validation and the boards. */
export const tileKinds: readonly RegisteredTileKind[] = [
  registerTileKind(latencyTile),
  registerTileKind(clockTile),
  registerTileKind(alertsTile),
  registerTileKind(graphTile),
  registerTileKind(numberTile),
  registerTileKind(buildsTile),
  registerTileKind(deploysTile),
  registerTileKind(trendTile),
  registerTileKind(riskTile),
];

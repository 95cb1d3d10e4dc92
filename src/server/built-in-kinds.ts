import type { ConfigKinds } from './config/schema.js';
import { sourceKinds } from './sources/registry.js';
import { standInKinds } from './standins/registry.js';
import type { StandInKind } from './standins/stand-in.js';
import { tileKinds } from './tiles/registry.js';

/** The kinds a server is built from: what its config may name, and what runs it. */
export interface ServerKinds extends ConfigKinds {
  standIns: readonly StandInKind[];
}

/**
 * Every source, widget and stand-in kind this server ships. The composition root (main.ts,
 * createServer) hands them to config validation, the scheduler, the boards and the demo.
 */
export const builtInKinds: ServerKinds = { sources: sourceKinds, tiles: tileKinds, standIns: standInKinds };

import type { StoreState } from './store.js';

/**
 * The state file's JSON in pieces (one per series' history), so a big history (tens of MB with many
 * munin series) is written a slice at a time instead of one JSON.stringify that blocks the wall.
 * Joined, the pieces are exactly JSON.stringify(state).
 */
export function* stateJsonPieces(state: StoreState): Generator<string> {
  yield `{"version":${JSON.stringify(state.version)},"savedAt":${JSON.stringify(state.savedAt)},"sources":{`;
  let source = 0;
  for (const [id, saved] of Object.entries(state.sources)) {
    yield `${source++ ? ',' : ''}${JSON.stringify(id)}:{"poll":${JSON.stringify(saved.poll)},"reading":${JSON.stringify(saved.reading)},"history":{`;
    let series = 0;
    for (const [name, points] of Object.entries(saved.history)) {
      yield `${series++ ? ',' : ''}${JSON.stringify(name)}:${JSON.stringify(points)}`;
    }
    yield '}}';
  }
  yield '}}';
}

import type { ConfigProblem } from './config-error.js';
import { jsonPath } from './config-error.js';
import type { ConfigKinds, RadiatorConfig } from './schema.js';

/** Checks what a schema cannot: references between sections and the geometry of each board. */
export function referenceProblems(config: RadiatorConfig, kinds: ConfigKinds): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const sourceIds = Object.keys(config.sources);
  const known = sourceIds.length ? `defined sources: ${sourceIds.join(', ')}` : 'no sources are defined';

  for (const [boardId, board] of Object.entries(config.boards)) {
    const owner = new Map<string, string>(); // "x,y" → tile id
    const seenIds = new Set<string>();
    board.tiles.forEach((tile, index) => {
      const at = (...rest: PropertyKey[]) => jsonPath(['boards', boardId, 'tiles', index, ...rest]);
      if (seenIds.has(tile.id)) problems.push({ path: at('id'), message: `tile id "${tile.id}" is used twice on this board; give each tile its own id` });
      seenIds.add(tile.id);

      const kind = kinds.tiles.find((k) => k.widget === tile.widget);
      if (kind && kind.consumes === null && tile.source !== undefined) {
        problems.push({ path: at('source'), message: `the ${tile.widget} widget reads no source; remove "source"` });
      }
      if (kind && kind.consumes !== null) {
        if (tile.source === undefined) {
          problems.push({ path: at(), message: `the ${tile.widget} widget needs "source": the id of a ${kind.consumes} source (${known})` });
        } else {
          const source = config.sources[tile.source];
          if (!source) {
            problems.push({ path: at('source'), message: `no source "${tile.source}" under "sources" (${known}); add it or fix the id` });
          } else {
            const produces = kinds.sources.find((k) => k.kind === source.type)?.produces;
            if (produces !== kind.consumes) {
              problems.push({
                path: at('source'),
                message: `source "${tile.source}" (type ${source.type}) gives ${produces} readings, but the ${tile.widget} widget needs ${kind.consumes}; point it at a ${kind.consumes} source`,
              });
            }
          }
        }
      }

      for (const related of kind?.relatedSources(tile.options) ?? []) {
        const source = config.sources[related.source];
        const path = at('options', ...related.path);
        if (!source) {
          problems.push({ path, message: `no source "${related.source}" under "sources" (${known}); add it or fix the id` });
          continue;
        }
        const produces = kinds.sources.find((k) => k.kind === source.type)?.produces;
        const wanted: readonly string[] = typeof related.reads === 'string' ? [related.reads] : related.reads;
        if (produces === undefined || !wanted.includes(produces)) {
          problems.push({ path, message: `source "${related.source}" (type ${source.type}) gives ${produces} readings; this option needs a ${wanted.join(', ').replace(/, ([^,]*)$/, ' or $1')} source` });
        }
      }

      if (tile.x + tile.w > board.columns || tile.y + tile.h > board.rows) {
        problems.push({
          path: at(),
          message: `tile "${tile.id}" (x ${tile.x}, y ${tile.y}, w ${tile.w}, h ${tile.h}) does not fit the ${board.columns}×${board.rows} grid; expected x + w ≤ ${board.columns} and y + h ≤ ${board.rows}`,
        });
        return;
      }
      for (let x = tile.x; x < tile.x + tile.w; x++) {
        for (let y = tile.y; y < tile.y + tile.h; y++) {
          const other = owner.get(`${x},${y}`);
          if (other !== undefined) {
            problems.push({ path: at(), message: `tile "${tile.id}" overlaps tile "${other}" at column ${x}, row ${y}; move or shrink one of them` });
            return;
          }
        }
      }
      for (let x = tile.x; x < tile.x + tile.w; x++) for (let y = tile.y; y < tile.y + tile.h; y++) owner.set(`${x},${y}`, tile.id);
    });
  }

  const boardIds = Object.keys(config.boards);
  for (const [playlistId, playlist] of Object.entries(config.playlists)) {
    playlist.boards.forEach((boardId, index) => {
      if (!config.boards[boardId]) {
        problems.push({
          path: jsonPath(['playlists', playlistId, 'boards', index]),
          message: `no board "${boardId}" under "boards" (defined boards: ${boardIds.join(', ') || 'none'})`,
        });
      }
    });
  }

  const ports = new Map<number, number>();
  config.demo?.standIns.forEach((standIn, index) => {
    const earlier = ports.get(standIn.port);
    if (earlier !== undefined) {
      problems.push({ path: jsonPath(['demo', 'standIns', index, 'port']), message: `port ${standIn.port} is already used by demo.standIns[${earlier}]; pick another` });
    }
    ports.set(standIn.port, index);
  });
  return problems;
}

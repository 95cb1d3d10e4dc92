import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/server/config/load-config.js';
import { builtInKinds } from '../../../src/server/built-in-kinds.js';
import { configProblems } from '../../helpers/config-problems.js';

/** A board whose latency and graph tiles mark the deploys of the source `deploysSource` names. */
const config = (deploysSource: string, sources: Record<string, unknown>) => ({
  sources: {
    shop: { type: 'http', schedule: '*/5 * * * * *', targets: [{ name: 'checkout', url: 'http://127.0.0.1:1/' }] },
    ...sources,
  },
  boards: {
    ops: {
      title: 'Ops',
      columns: 2,
      rows: 1,
      tiles: [
        { id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0, options: { deploys: { source: deploysSource, envs: ['prod'] } } },
        { id: 'trend', widget: 'graph', source: 'shop', x: 1, y: 0, options: { deploys: { source: deploysSource } } },
      ],
    },
  },
});

describe('sources a tile reads besides its own (deploy marks)', () => {
  it('accepts a deploys source', () => {
    const valid = validateConfig(config('rollouts', { rollouts: { type: 'deploys' } }), 'boards.json', builtInKinds);
    expect(valid.boards.ops!.tiles[0]!.options).toMatchObject({ deploys: { source: 'rollouts', envs: ['prod'], manifests: true } });
  });

  it('names the option and the sources there are when the source is missing', () => {
    expect(configProblems(config('rolouts', { rollouts: { type: 'deploys' } }))).toEqual([
      { path: '$.boards.ops.tiles[0].options.deploys.source', message: 'no source "rolouts" under "sources" (defined sources: shop, rollouts); add it or fix the id' },
      { path: '$.boards.ops.tiles[1].options.deploys.source', message: 'no source "rolouts" under "sources" (defined sources: shop, rollouts); add it or fix the id' },
    ]);
  });

  it('names the option, what the source gives and what it needs when the source is of another kind', () => {
    expect(configProblems(config('shop', {}))).toEqual([
      { path: '$.boards.ops.tiles[0].options.deploys.source', message: 'source "shop" (type http) gives metrics readings; this option needs a deploys source' },
      { path: '$.boards.ops.tiles[1].options.deploys.source', message: 'source "shop" (type http) gives metrics readings; this option needs a deploys source' },
    ]);
  });
});

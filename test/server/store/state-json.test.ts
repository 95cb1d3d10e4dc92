import { describe, expect, it } from 'vitest';
import { stateJsonPieces } from '../../../src/server/store/state-json.js';
import { NEVER_POLLED } from '../../../src/server/store/source-health.js';
import type { StoreState } from '../../../src/server/store/store.js';

describe('state file JSON in pieces', () => {
  it('joins to exactly JSON.stringify of the state, one piece per series', () => {
    const state: StoreState = {
      version: 1,
      savedAt: 1_700_000_000_000,
      sources: {
        web: {
          poll: { ...NEVER_POLLED, state: 'ok', lastSuccessAt: 1 },
          reading: { type: 'metrics', at: 1, samples: [{ series: 'a "quoted" name', value: 1.5, unit: 'ms', label: 'a' }] },
          history: { 'a "quoted" name': [[1, 1.5], [2, null]], b: [] },
        },
        'nagios-1': { poll: NEVER_POLLED, reading: null, history: {} },
      },
    };
    const pieces = [...stateJsonPieces(state)];
    expect(pieces.join('')).toBe(JSON.stringify(state));
    expect(pieces.length).toBe(1 + 2 + 2 + 2 + 1); // head, per source open+close, per series, tail
    const empty: StoreState = { version: 1, savedAt: 0, sources: {} };
    expect([...stateJsonPieces(empty)].join('')).toBe(JSON.stringify(empty));
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BOARD_ID_CHARS, readBoardId } from '../../../src/server/hub/client-payloads.js';

describe('readBoardId', () => {
  it('property: accepts exactly the strings of 1 to 128 characters, and never throws', () => {
    const throwingObject = fc.constantFrom<unknown>(
      { toString: 1 },
      // zod's length checks used to run on this and throw formatting the issue (found by this property)
      { length: { toString: 1, valueOf: 1 } },
      { length: Object.create(null) },
      {
        get toString(): never {
          throw new Error('boom');
        },
      },
      Object.create(null),
      { [Symbol.toPrimitive]: () => { throw new Error('boom'); } },
    );
    fc.assert(
      fc.property(fc.oneof(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true }), throwingObject, fc.string({ maxLength: 300 })), (payload) => {
        const result = readBoardId('board:join', payload);
        const valid = typeof payload === 'string' && payload.length >= 1 && payload.length <= MAX_BOARD_ID_CHARS;
        expect(result.ok).toBe(valid);
        if (result.ok) expect(result.boardId).toBe(payload);
        else expect(result.error).toMatch(/^board:join expects a board id: a string of 1 to 128 characters \(got (null|an array|an object|an empty string|a string of \d+ characters|a \w+)\)$/);
      }),
      { numRuns: 2000 },
    );
  });
});

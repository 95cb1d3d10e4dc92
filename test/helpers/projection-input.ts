import type { RelatedReading } from '../../src/server/tiles/tile-kind.js';

/** For projections under test that read no other source: every related source has nothing yet. */
export const noRelated = (): RelatedReading<never> => ({ reading: null, stale: false });

/** What ranking needs of a failure mode. */
export interface Rankable {
  /** Unique among the modes ranked together: "database-storage/disk-full". */
  key: string;
  severity: number;
  rpn: { assessed: number; live: number };
  /** What is happening now, if anything: a mode happening now goes to the top. */
  active: object | null;
}

export type Ranked<T> = T & {
  /** 1 = the top risk now. */
  rank: number;
  /** Where it would be on the assessed RPN alone, to say how far it moved. */
  assessedRank: number;
};

/**
 * Modes in the order the wall shows them: those happening now first, then by live RPN (which is the
 * assessed RPN where there is no evidence), highest first. Ties go to the higher severity (the same
 * RPN from a worse effect is the worse risk), then the higher assessed RPN, then the key, so the
 * order never depends on the order of the input.
 */
export function rankByRisk<T extends Rankable>(items: readonly T[]): Ranked<T>[] {
  const byKey = (a: Rankable, b: Rankable) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
  const assessedOrder = [...items].sort((a, b) => b.rpn.assessed - a.rpn.assessed || b.severity - a.severity || byKey(a, b));
  const assessedRank = new Map(assessedOrder.map((item, index) => [item, index + 1]));
  return [...items]
    .sort((a, b) => Number(b.active !== null) - Number(a.active !== null) || b.rpn.live - a.rpn.live || b.severity - a.severity || b.rpn.assessed - a.rpn.assessed || byKey(a, b))
    .map((item, index) => ({ ...item, rank: index + 1, assessedRank: assessedRank.get(item) ?? index + 1 }));
}

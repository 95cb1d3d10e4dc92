/**
 * Promise.all for the requests of one poll, whose reason must not depend on timing: it waits for all
 * of them, and when several fail it rejects with the first failure in the order given, not the first
 * to arrive ("no hosts visible" says more than "comments not visible", whichever answered sooner).
 */
export async function settledInOrder<T extends readonly unknown[] | []>(promises: T): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }> {
  await Promise.allSettled(promises);
  // every promise has settled: Promise.all now meets the rejections in the array's order
  return Promise.all(promises);
}

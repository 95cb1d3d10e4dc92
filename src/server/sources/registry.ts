import { httpSource } from './http.js';
import type { SourceKind } from './source-kind.js';

/** Every source kind the server knows. Config validation and the scheduler both read this list. */
export const sourceKinds: readonly SourceKind[] = [httpSource as unknown as SourceKind];

export function findSourceKind(kind: string): SourceKind | undefined {
  return sourceKinds.find((k) => k.kind === kind);
}

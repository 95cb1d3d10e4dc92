import { httpSource } from './http.js';
import { icinga2Source } from './icinga2.js';
import { muninSource } from './munin.js';
import { nagiosSource } from './nagios.js';
import type { SourceKind } from './source-kind.js';

/** Every source kind the server knows. Config validation and the scheduler both read this list. */
export const sourceKinds: readonly SourceKind[] = [
  httpSource,
  nagiosSource,
  icinga2Source,
  muninSource,
] as unknown as readonly SourceKind[];

export function findSourceKind(kind: string): SourceKind | undefined {
  return sourceKinds.find((k) => k.kind === kind);
}

import { plainLine } from '../../shared/plain-text.js';

/**
 * A check whose state the adapter does not understand (a state the upstream never documented, a
 * number out of range, a string where a number belongs, none at all) is `unknown`, for hosts as for
 * services: it is counted and listed, never dropped and never read as OK. Its output says what the
 * upstream sent, and keeps the plugin's own words ("DISK CRITICAL - / is 100% full") after it.
 */
export function unrecognisedState(raw: unknown, output: string): { state: 'unknown'; output: string } {
  const note = raw === undefined ? 'no state given' : `state ${describe(raw)} not understood`;
  return { state: 'unknown', output: output ? `${note}: ${output}` : note };
}

function describe(raw: unknown): string {
  if (typeof raw === 'string') return JSON.stringify(plainLine(raw, 20));
  if (typeof raw === 'number' || typeof raw === 'boolean' || raw === null) return String(raw);
  return Array.isArray(raw) ? 'a list' : `an ${typeof raw}`;
}

import { randomBytes } from 'node:crypto';
import type { StandInKind } from './stand-in.js';

/**
 * The environment the demo runs in: the real one, plus a random token for every variable a started
 * stand-in needs (`madeUpEnv`) that is not set, so a stand-in that pushes to Radiator (the deploy
 * tool) and the pushed source whose `tokensEnv` names the same variable agree without setup.
 * `madeUp` names them, for the log; the values are never logged.
 */
export function demoEnvironment(
  env: Readonly<Record<string, string | undefined>>,
  started: readonly { kind: string }[],
  kinds: readonly StandInKind[],
): { env: Readonly<Record<string, string | undefined>>; madeUp: string[] } {
  const needed = new Set(started.flatMap((spec) => kinds.find((k) => k.kind === spec.kind)?.madeUpEnv ?? []));
  const madeUp = [...needed].filter((name) => (env[name] ?? '').trim() === '');
  if (madeUp.length === 0) return { env, madeUp };
  return { env: { ...env, ...Object.fromEntries(madeUp.map((name) => [name, randomBytes(24).toString('hex')])) }, madeUp };
}

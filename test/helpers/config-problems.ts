import { expect } from 'vitest';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { ConfigError } from '../../src/server/config/config-error.js';
import { validateConfig } from '../../src/server/config/load-config.js';

/** What validating `raw` as boards.json (with the built-in kinds) finds wrong; a config it accepts fails the test. */
export function configProblems(raw: unknown): { path: string; message: string }[] {
  try {
    validateConfig(raw, 'boards.json', builtInKinds);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as ConfigError).problems;
  }
  throw new Error('config was accepted');
}

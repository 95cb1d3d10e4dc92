import type { z } from 'zod';
import type { Reading, ReadingType } from './reading.js';

/** What an adapter may use besides its options. Injected, so adapters stay free of globals. */
export interface PollContext {
  /** The last successful reading of this source (null after a fresh start), e.g. for counter rates. */
  previous: Reading | null;
  /** Environment for secrets named by options such as `passwordEnv`. */
  env: Readonly<Record<string, string | undefined>>;
  now(): number;
}

/**
 * One upstream kind. Adding a kind = one file exporting this + its entry in ./registry.ts.
 * `poll` throws an Error whose message says, in words for the wall, what went wrong
 * ("authentication failed (HTTP 401) at http://…"); the scheduler records it as the source's reason.
 */
export interface SourceKind<S extends z.ZodObject = z.ZodObject> {
  kind: string;
  /** One line for the README and the JSON Schema. */
  description: string;
  produces: ReadingType;
  /**
   * Type-specific options; the config's `type`, `schedule`, `timeoutMs` are added around them. An option
   * naming an environment variable that holds a secret ends in `Env` (`passwordEnv`, `tokenEnv`,
   * `headersEnv`): the scheduler redacts those values from everything the upstream sends back.
   */
  options: S;
  poll(options: z.infer<S>, signal: AbortSignal, context: PollContext): Promise<Reading>;
}

export function defineSourceKind<S extends z.ZodObject>(kind: SourceKind<S>): SourceKind<S> {
  return kind;
}

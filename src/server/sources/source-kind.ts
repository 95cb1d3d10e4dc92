import type { z } from 'zod';
import type { ReadingType, ReadingTypes } from '../readings/reading-kind.js';

/** What an adapter may use besides its options. Injected, so adapters stay free of globals. */
export interface PollContext<K extends ReadingType = ReadingType> {
  /** The last successful reading of this source (null after a fresh start), e.g. for counter rates. */
  previous: ReadingTypes[K] | null;
  /** Environment for secrets named by options such as `passwordEnv`. */
  env: Readonly<Record<string, string | undefined>>;
  now(): number;
  /**
   * When the scheduler gives up on this poll (epoch ms on `now`'s clock: the poll's start plus the
   * source's `timeoutMs`). An adapter that asks several upstreams stops them a little before it, so
   * that what did answer is still returned.
   */
  deadline: number;
}

/** What a pushed source's kind may use to turn a push into its reading. */
export interface PushContext<K extends ReadingType = ReadingType> {
  /** The source's reading before this push (null after a fresh start). */
  previous: ReadingTypes[K] | null;
  now(): number;
}

/** What a pushed event is checked against besides its schema: the config it arrives into. */
export interface PushedEventWorld {
  boardIds: readonly string[];
}

/** A problem of a source's options, at a path under the source (e.g. ["readTimeoutMs"]). */
export interface OptionProblem {
  path: PropertyKey[];
  message: string;
}

interface SourceKindCommon<S extends z.ZodObject, K extends ReadingType> {
  kind: string;
  /** One line for the README and the JSON Schema. */
  description: string;
  produces: K;
  /**
   * Type-specific options; the config's `type` and the keys of polled or pushed sources (`schedule`,
   * `timeoutMs` or `expectEvery`, and `historyHours`) are added around them. An option naming an
   * environment variable that holds a secret ends in `Env` (`passwordEnv`, `tokenEnv`, `headersEnv`):
   * the scheduler redacts those values from everything the upstream sends back.
   */
  options: S;
}

/**
 * An upstream Radiator asks on a schedule. Adding one = one file exporting this (defineSourceKind)
 * + its line in ./registry.ts. `poll` throws an Error whose message says, in words for the wall,
 * what went wrong ("authentication failed (HTTP 401) at http://…"); the scheduler records it as the
 * source's reason.
 */
export interface PolledSourceKind<S extends z.ZodObject, K extends ReadingType> extends SourceKindCommon<S, K> {
  arrives: 'polled';
  poll(options: z.infer<S>, signal: AbortSignal, context: PollContext<K>): Promise<ReadingTypes[K]>;
  /**
   * Problems of these options under the source's `timeoutMs` (e.g. a read timeout that outlasts the
   * poll), which config validation reports at their paths. Left out: nothing depends on it.
   */
  checkTimeout?(options: z.infer<S>, timeoutMs: number): OptionProblem[];
  /**
   * For a kind that keeps something between polls (a worker thread): the poller of one configured
   * source, whose `close` the scheduler calls when it stops. Left out: each poll is `poll` above.
   */
  open?(options: z.infer<S>): OpenPoller<K>;
}

/** One configured source's polls, holding what they share; `close` releases it. */
export interface OpenPoller<K extends ReadingType> {
  poll(signal: AbortSignal, context: PollContext<K>): Promise<ReadingTypes[K]>;
  close(): Promise<void>;
}

/**
 * A source whose data is sent to Radiator (no schedule): each pushed event is checked against
 * `payload` at the edge, appended to the event log, and the events of one request that were new
 * are folded into the source's reading by `receive`, in the order they were sent. Its data is stale
 * when no push came for twice its `expectEvery` (never, without one).
 */
export interface PushedSourceKind<S extends z.ZodObject, K extends ReadingType, P extends z.ZodType> extends SourceKindCommon<S, K> {
  arrives: 'pushed';
  /** The kind of pushed event this source takes (`deploy`, `metric`, …): the `kind` field of what is posted. */
  event: string;
  /** One event of that kind: bounded, every text plain (src/shared/pushed-events). */
  payload: P;
  /** Problems of a valid event that its schema cannot see (a board that does not exist), by path. Left out: none. */
  checkEvent?(event: z.infer<P>, world: PushedEventWorld): OptionProblem[];
  /** The reading after `events` (never empty, oldest first), from `context.previous`. */
  receive(options: z.infer<S>, events: readonly z.infer<P>[], context: PushContext<K>): ReadingTypes[K];
}

export type SourceKind<S extends z.ZodObject, K extends ReadingType, P extends z.ZodType = z.ZodType> =
  | PolledSourceKind<S, K>
  | PushedSourceKind<S, K, P>;

export function defineSourceKind<S extends z.ZodObject, K extends ReadingType>(kind: Omit<PolledSourceKind<S, K>, 'arrives'>): PolledSourceKind<S, K> {
  return { ...kind, arrives: 'polled' };
}

export function definePushedSourceKind<S extends z.ZodObject, K extends ReadingType, P extends z.ZodType>(
  kind: Omit<PushedSourceKind<S, K, P>, 'arrives'>,
): PushedSourceKind<S, K, P> {
  return { ...kind, arrives: 'pushed' };
}

import type { z } from 'zod';
import { isReadingOf, type Reading, type ReadingType } from '../readings/reading-kind.js';
import type { OptionProblem, PollContext, PushContext, PushedEventWorld, SourceKind } from './source-kind.js';

/**
 * A source kind as the registry lists it: its option and reading types are closed over by `bind`,
 * so a list of kinds of different options and readings needs no cast.
 */
export interface RegisteredSourceKind {
  readonly kind: string;
  readonly description: string;
  readonly produces: ReadingType;
  readonly arrives: 'polled' | 'pushed';
  /** The kind's own options (typed as none: what they are is closed over by `bind`). */
  readonly options: z.ZodObject<{}>;
  /** Config validation: problems of a polled source's options under its `timeoutMs` (none for pushed kinds). */
  timeoutProblems(options: unknown, timeoutMs: number): OptionProblem[];
  /** A configured source of this kind, its options parsed once with the kind's own schema. */
  bind(options: unknown): BoundSource;
}

export type BoundSource = BoundPolledSource | BoundPushedSource;

interface BoundSourceCommon {
  readonly kind: string;
  readonly produces: ReadingType;
  /** The parsed options: the scheduler redacts the secrets they name. */
  readonly options: unknown;
}

export interface BoundPolledSource extends BoundSourceCommon {
  readonly arrives: 'polled';
  /** One poll; `context.previous` reaches the adapter only when it is a reading of the kind it produces. */
  poll(signal: AbortSignal, context: PollContext): Promise<Reading>;
  /** Releases what the polls share (a worker thread); the scheduler calls it when it stops. */
  close?(): Promise<void>;
}

export interface BoundPushedSource extends BoundSourceCommon {
  readonly arrives: 'pushed';
  /** The kind of pushed event this source takes (`deploy`, `metric`, …). */
  readonly event: string;
  /**
   * Checks one pushed event at the edge: what it brings, or its problems by path. Nothing is stored
   * here. `world`: the config it arrives into (the push intake always gives it); left out, what only
   * the config can tell (a board's existence) is not checked.
   */
  accept(payload: unknown, world?: PushedEventWorld): AcceptedPush | RejectedPush;
  /** The source's reading after `accepted` (events this source accepted, oldest first; never empty). */
  readingAfter(accepted: readonly AcceptedPush[], context: PushContext): Reading;
}

export interface AcceptedPush {
  ok: true;
  /** The event as checked (strict, bounded): what the event log keeps. */
  body: unknown;
}

export interface RejectedPush {
  ok: false;
  problems: OptionProblem[];
}

export function registerSourceKind<S extends z.ZodObject, K extends ReadingType, P extends z.ZodType>(kind: SourceKind<S, K, P>): RegisteredSourceKind {
  const common = { kind: kind.kind, description: kind.description, produces: kind.produces, options: kind.options };
  // a previous reading of another kind (restored from before the source's type changed) is no previous reading
  const ownReading = (reading: Reading | null) => (reading !== null && isReadingOf(kind.produces, reading) ? reading : null);
  if (kind.arrives === 'pushed') {
    return {
      ...common,
      arrives: 'pushed',
      timeoutProblems: () => [],
      bind(rawOptions) {
        const options = kind.options.parse(rawOptions);
        // what this source accepted, with the type its kind parsed it to; anything else is not its event
        const parsedBodies = new WeakMap<AcceptedPush, z.infer<P>>();
        const parsedBody = (accepted: AcceptedPush): z.infer<P> => {
          const body = parsedBodies.get(accepted);
          if (body === undefined) throw new Error(`an event not accepted by this ${kind.kind} source was handed to it`);
          return body;
        };
        return {
          ...common,
          arrives: 'pushed',
          event: kind.event,
          options,
          accept(payload, world) {
            const parsed = kind.payload.safeParse(payload);
            if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })) };
            const problems = world && kind.checkEvent ? kind.checkEvent(parsed.data, world) : [];
            if (problems.length > 0) return { ok: false, problems };
            const accepted: AcceptedPush = { ok: true, body: parsed.data };
            parsedBodies.set(accepted, parsed.data);
            return accepted;
          },
          readingAfter(accepted, context) {
            return kind.receive(options, accepted.map(parsedBody), { ...context, previous: ownReading(context.previous) });
          },
        };
      },
    };
  }
  return {
    ...common,
    arrives: 'polled',
    timeoutProblems(rawOptions, timeoutMs) {
      const parsed = kind.options.safeParse(rawOptions);
      return parsed.success && kind.checkTimeout ? kind.checkTimeout(parsed.data, timeoutMs) : [];
    },
    bind(rawOptions) {
      const options = kind.options.parse(rawOptions);
      const poller = kind.open?.(options);
      return {
        ...common,
        arrives: 'polled',
        options,
        poll: (signal, context) => {
          const own = { ...context, previous: ownReading(context.previous) };
          return poller ? poller.poll(signal, own) : kind.poll(options, signal, own);
        },
        ...(poller && { close: () => poller.close() }),
      };
    },
  };
}

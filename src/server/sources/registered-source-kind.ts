import type { z } from 'zod';
import { isReadingOf, type Reading, type ReadingType } from '../readings/reading-kind.js';
import type { OptionProblem, PollContext, PushContext, SourceKind } from './source-kind.js';

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
  /** The kind a push is appended to the event log as. */
  readonly event: string;
  /** Checks one push at the edge: what it brings, or its problems by path. Nothing is stored here. */
  accept(payload: unknown): AcceptedPush | RejectedPush;
}

export interface AcceptedPush {
  ok: true;
  /** The push as checked (strict, bounded): what the event log keeps. */
  body: unknown;
  /** The source's reading after this push. */
  reading(context: PushContext): Reading;
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
        return {
          ...common,
          arrives: 'pushed',
          event: kind.event,
          options,
          accept(payload) {
            const parsed = kind.payload.safeParse(payload);
            if (!parsed.success) return { ok: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message })) };
            const body = parsed.data;
            return { ok: true, body, reading: (context) => kind.receive(options, body, { ...context, previous: ownReading(context.previous) }) };
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

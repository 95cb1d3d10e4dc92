import { setMaxListeners } from 'node:events';

/** The abort reason when a poll's own deadline passed (as opposed to the scheduler giving up). */
export class DeadlinePassed extends Error {}

export interface LinkedSignal {
  signal: AbortSignal;
  /** Removes the listener on the parent and stops the deadline timer. */
  dispose(): void;
}

/**
 * A signal that aborts with `parent` (same reason), or after `deadlineMs` with a DeadlinePassed
 * "no answer within N ms". It adds one listener to `parent`, however many connections then listen
 * to it: a source polling many nodes, or a node polled over many connections, never trips Node's
 * MaxListenersExceededWarning.
 */
export function linkedSignal(parent: AbortSignal, deadlineMs?: number): LinkedSignal {
  const controller = new AbortController();
  // every connection of the poll listens here until it closes; their number is bounded by the poll
  setMaxListeners(0, controller.signal);
  const onAbort = () => controller.abort(parent.reason);
  let timer: NodeJS.Timeout | undefined;
  if (parent.aborted) onAbort();
  else {
    parent.addEventListener('abort', onAbort, { once: true });
    if (deadlineMs !== undefined) {
      timer = setTimeout(() => controller.abort(new DeadlinePassed(`no answer within ${deadlineMs} ms`)), deadlineMs);
    }
  }
  return {
    signal: controller.signal,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}

/** True when `signal` was aborted by its own deadline rather than from outside. */
export function deadlinePassed(signal: AbortSignal): boolean {
  return signal.aborted && signal.reason instanceof DeadlinePassed;
}

/**
 * How long the nodes of a poll may take, out of the time left before the scheduler's deadline (the
 * source's `timeoutMs` at the start): a tenth is kept (50 ms to 1 s) so the reading of what did
 * answer is built and returned before the scheduler gives up.
 */
export function nodeDeadlineMs(timeLeftMs: number): number {
  return Math.max(1, timeLeftMs - Math.min(1000, Math.max(50, Math.round(timeLeftMs / 10))));
}

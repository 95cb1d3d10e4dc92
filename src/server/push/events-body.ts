import { jsonPath } from '../config/config-error.js';
import type { EventProblem } from '../push-intake.js';

export type EventsBody =
  | {
      ok: true;
      events: readonly unknown[];
      /** The body was one event, not an array: problems are named from `$`, not `$[i]`. */
      single: boolean;
    }
  | { ok: false; message: string };

/** The events a POST carries: one event, or an array of 1 to `maxEvents`. */
export function eventsOfBody(body: unknown, maxEvents: number): EventsBody {
  const expected = `send one event (a JSON object) or an array of 1 to ${maxEvents.toLocaleString('en')}`;
  if (Array.isArray(body)) {
    if (body.length === 0) return { ok: false, message: `$: the array holds no events; ${expected}` };
    if (body.length > maxEvents) {
      return { ok: false, message: `$: ${body.length.toLocaleString('en')} events in one request; send at most ${maxEvents.toLocaleString('en')} per request (split the batch)` };
    }
    return { ok: true, events: body, single: false };
  }
  if (typeof body === 'object' && body !== null) return { ok: true, events: [body], single: true };
  return { ok: false, message: `$: expected an event or an array of events, got ${body === null ? 'null' : typeof body}; ${expected}` };
}

/** `$[2].status: …` (or `$.status: …` for a body that was one event), in the order of the events. */
export function describeProblems(problems: readonly EventProblem[], single: boolean): string[] {
  return [...problems]
    .sort((a, b) => a.index - b.index)
    .map(({ index, path, message }) => `${jsonPath(single ? path : [index, ...path])}: ${message}`);
}

import type { FastifyReply } from 'fastify';
import type { EventProblem, ReceivedEvent } from '../push-intake.js';
import { describeProblems } from '../push/events-body.js';
import { errorBody, sendError } from './error-reply.js';

/** How many problems the `error` sentence names; `problems` lists every one. */
const PROBLEMS_IN_SENTENCE = 10;
/** Seconds a sender is asked to wait before retrying when events could not be stored. */
const RETRY_AFTER_STORE_FAILURE_S = 10;

/** What a 202 says: how many events were new, how many repeated an earlier id, and each one's fate. */
export function eventsReceipt(events: readonly ReceivedEvent[]) {
  const duplicates = events.filter((e) => e.duplicate).length;
  return {
    accepted: events.length - duplicates,
    duplicates,
    events: events.map(({ id, source, kind, key, duplicate }) => ({ id, source, kind, key, duplicate })),
  };
}

/** 400 naming every problem by JSON path: `{ error, status, problems: ["$[2].status: …", …] }`. Nothing was stored. */
export function sendEventProblems(reply: FastifyReply, problems: readonly EventProblem[], single: boolean): FastifyReply {
  const lines = describeProblems(problems, single);
  const shown = lines.slice(0, PROBLEMS_IN_SENTENCE).join('; ');
  const more = lines.length > PROBLEMS_IN_SENTENCE ? `; and ${lines.length - PROBLEMS_IN_SENTENCE} more (see "problems")` : '';
  const count = `${lines.length} problem${lines.length === 1 ? '' : 's'}`;
  const message = `${count} in the events, nothing was stored; fix ${lines.length === 1 ? 'it' : 'them'} and send the request again: ${shown}${more}`;
  return reply.code(400).header('cache-control', 'no-store').send({ ...errorBody(400, message), problems: lines });
}

/** 503 when the event log could not store the request (disk full, database unavailable): none of it was kept. */
export function sendEventsNotStored(reply: FastifyReply, err: Error): FastifyReply {
  return sendError(
    reply.header('retry-after', String(RETRY_AFTER_STORE_FAILURE_S)),
    503,
    `the events could not be stored (${err.message}); none of this request was kept: retry it later with the same event ids, and each event is counted once`,
  );
}

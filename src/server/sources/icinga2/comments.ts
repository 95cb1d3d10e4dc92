import { z } from 'zod';
import { CheckComments, commentKindOf } from '../check-comments.js';
import { parseUpstreamShape } from '../upstream-shape.js';

/** Attributes asked for (`attrs=`), as Icinga 2.13 names them on Comment and Downtime objects. */
export const COMMENT_ATTRS = ['host_name', 'service_name', 'author', 'text', 'entry_type', 'entry_time'] as const;
export const DOWNTIME_ATTRS = ['host_name', 'service_name', 'author', 'comment', 'entry_time', 'start_time', 'end_time', 'fixed', 'duration', 'trigger_time'] as const;

// service_name is "" on a host's comment or downtime
const objectsOf = <S extends z.ZodType>(attrs: S) =>
  z.looseObject({ results: z.array(z.looseObject({ attrs }), { error: 'a list of objects' }) });

const commentList = objectsOf(
  z.looseObject({
    host_name: z.string(),
    service_name: z.string(),
    author: z.string(),
    text: z.string(),
    entry_type: z.number(),
    entry_time: z.number(),
  }),
);

const downtimeList = objectsOf(
  z.looseObject({
    host_name: z.string(),
    service_name: z.string(),
    author: z.string(),
    comment: z.string(),
    entry_time: z.number(),
    start_time: z.number(),
    end_time: z.number(),
    fixed: z.boolean(),
    duration: z.number(),
    trigger_time: z.number(),
  }),
);

/**
 * Acknowledgements and comments from /v1/objects/comments, downtimes in effect from
 * /v1/objects/downtimes. A list of the wrong shape fails the poll, naming where.
 */
export function commentsFromIcinga2(comments: unknown, downtimes: unknown, now: number): CheckComments {
  const gathered = new CheckComments();
  for (const { attrs: c } of parseUpstreamShape(commentList, comments, 'unexpected answer from the Icinga 2 API at /v1/objects/comments').results) {
    const kind = commentKindOf(c.entry_type);
    if (kind !== null) gathered.add(c.host_name, c.service_name || null, { kind, author: c.author, text: c.text, enteredAt: epochMs(c.entry_time) });
  }
  for (const { attrs: d } of parseUpstreamShape(downtimeList, downtimes, 'unexpected answer from the Icinga 2 API at /v1/objects/downtimes').results) {
    const window = { startsAt: epochMs(d.start_time), endsAt: epochMs(d.end_time) };
    if (!inEffect(d, now)) continue;
    gathered.add(d.host_name, d.service_name || null, { kind: 'downtime', author: d.author, text: d.comment, enteredAt: epochMs(d.entry_time), ...window });
  }
  return gathered;
}

/**
 * As Icinga 2 judges it (Downtime::IsInEffect; the API has no such attribute): a fixed one within
 * [start, end), a flexible one once triggered, for its duration. Times in epoch seconds.
 */
function inEffect(d: { start_time: number; end_time: number; fixed: boolean; duration: number; trigger_time: number }, nowMs: number): boolean {
  const now = nowMs / 1000;
  if (d.fixed) return now >= d.start_time && now < d.end_time;
  return d.trigger_time > 0 && now < d.trigger_time + d.duration;
}

/** Icinga times are epoch seconds as floats; 0 means never. */
function epochMs(seconds: number): number | null {
  return Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : null;
}

import { z } from 'zod';
import { CheckComments, commentKindOf } from '../check-comments.js';
import { parseUpstreamShape } from '../upstream-shape.js';

// field names as Nagios 4.4's statusjson.cgi gives them with details=true (test/upstreams/samples/nagios)
const commentlistAnswer = z.looseObject({
  data: z.looseObject({
    commentlist: z.record(
      z.string(),
      z.looseObject({
        host_name: z.string(),
        service_description: z.string().optional(),
        entry_type: z.number(),
        entry_time: z.number(),
        author: z.string(),
        comment_data: z.string(),
      }),
      { error: 'an object of comments by id (Radiator asks with details=true)' },
    ),
  }),
});

const downtimelistAnswer = z.looseObject({
  data: z.looseObject({
    downtimelist: z.record(
      z.string(),
      z.looseObject({
        host_name: z.string(),
        service_description: z.string().optional(),
        entry_time: z.number(),
        start_time: z.number(),
        end_time: z.number(),
        is_in_effect: z.boolean(),
        author: z.string(),
        comment: z.string(),
      }),
      { error: 'an object of downtimes by id (Radiator asks with details=true)' },
    ),
  }),
});

/**
 * Acknowledgements and comments from `query=commentlist`, downtimes in effect from `query=downtimelist`
 * (their own author and reason; the comment Nagios adds for each downtime only repeats the window).
 * A list of the wrong shape fails the poll, naming where.
 */
export function commentsFromStatusJson(commentlist: unknown, downtimelist: unknown): CheckComments {
  const comments = new CheckComments();
  const list = parseUpstreamShape(commentlistAnswer, commentlist, 'unexpected answer from statusjson.cgi query=commentlist').data.commentlist;
  for (const c of Object.values(list)) {
    const kind = commentKindOf(c.entry_type);
    if (kind === null) continue;
    comments.add(c.host_name, c.service_description ?? null, { kind, author: c.author, text: c.comment_data, enteredAt: epochMs(c.entry_time) });
  }
  const downtimes = parseUpstreamShape(downtimelistAnswer, downtimelist, 'unexpected answer from statusjson.cgi query=downtimelist').data.downtimelist;
  for (const d of Object.values(downtimes)) {
    if (!d.is_in_effect) continue;
    comments.add(d.host_name, d.service_description ?? null, {
      kind: 'downtime',
      author: d.author,
      text: d.comment,
      enteredAt: epochMs(d.entry_time),
      startsAt: epochMs(d.start_time),
      endsAt: epochMs(d.end_time),
    });
  }
  return comments;
}

/** The JSON CGIs give epoch ms; 0 means never. */
function epochMs(value: number): number | null {
  return Number.isFinite(value) && value > 0 ? value : null;
}

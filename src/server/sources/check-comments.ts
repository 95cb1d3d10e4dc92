import { plainLine } from '../../shared/plain-text.js';
import type { Check, CheckComment, CheckCommentKind } from '../readings/monitoring.js';

/** Kept per check and kind: the wall shows one or two; a check with hundreds of comments must not grow the reading. */
export const MAX_COMMENTS_PER_CHECK = 4;
const TEXT_CHARS = 300;
const AUTHOR_CHARS = 60;
const KIND_ORDER: Record<CheckCommentKind, number> = { acknowledgement: 0, downtime: 1, comment: 2 };
const NOT_PROBLEMS: ReadonlySet<string> = new Set(['ok', 'up', 'pending']);

/**
 * A comment's kind from its `entry_type`, which Nagios and Icinga 2 number alike: 1 a user's comment,
 * 2 a downtime's, 3 flapping, 4 an acknowledgement's. Null for 2 and 3: the daemon writes those itself
 * (the downtime's own record has its author and reason; flapping is a flag on the check already).
 */
export function commentKindOf(entryType: number): 'acknowledgement' | 'comment' | null {
  return entryType === 4 ? 'acknowledgement' : entryType === 1 ? 'comment' : null;
}

export interface RawComment {
  kind: CheckCommentKind;
  author: string;
  text: string;
  enteredAt: number | null;
  startsAt?: number | null;
  endsAt?: number | null;
}

/**
 * Acknowledgements, downtimes and comments as an adapter reads them, gathered per check and handed to
 * the problem checks at the end: each gets its own, and a service its host's downtimes, which cover it
 * too (SCHEDULE_HOST_DOWNTIME leaves the services' own downtimes alone). Text becomes one plain line.
 */
export class CheckComments {
  private readonly byCheck = new Map<string, CheckComment[]>();

  add(host: string, service: string | null, raw: RawComment): void {
    const comment: CheckComment = {
      kind: raw.kind,
      author: plainLine(raw.author, AUTHOR_CHARS),
      text: plainLine(raw.text, TEXT_CHARS),
      enteredAt: raw.enteredAt,
      startsAt: raw.startsAt ?? null,
      endsAt: raw.endsAt ?? null,
    };
    // downtimes apart, so many comments on a host cannot push out the downtime its services inherit
    const key = `${keyOf(host, service)}\u0000${comment.kind === 'downtime' ? 'd' : 'c'}`;
    let list = this.byCheck.get(key);
    if (!list) this.byCheck.set(key, (list = []));
    list.push(comment);
    list.sort(newestFirst);
    if (list.length > MAX_COMMENTS_PER_CHECK) list.pop();
  }

  /** Gives every problem check its comments (acknowledgements, downtimes, comments; newest first within each). */
  attachTo(checks: Check[]): void {
    for (const check of checks) {
      if (NOT_PROBLEMS.has(check.state)) continue;
      const own = this.get(check.host, check.service);
      const hostDowntimes = check.service === null ? [] : this.get(check.host, null).filter((c) => c.kind === 'downtime');
      check.comments = distinct([...own, ...hostDowntimes])
        .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || newestFirst(a, b))
        .slice(0, MAX_COMMENTS_PER_CHECK);
    }
  }

  private get(host: string, service: string | null): CheckComment[] {
    const key = keyOf(host, service);
    return [...(this.byCheck.get(`${key}\u0000c`) ?? []), ...(this.byCheck.get(`${key}\u0000d`) ?? [])];
  }
}

function keyOf(host: string, service: string | null): string {
  return service === null ? host : `${host}\u0000${service}`;
}

function newestFirst(a: CheckComment, b: CheckComment): number {
  return (b.enteredAt ?? 0) - (a.enteredAt ?? 0);
}

/** Icinga 2 copies a host downtime to each service when asked for all_services: one line says it. */
function distinct(comments: CheckComment[]): CheckComment[] {
  const seen = new Set<string>();
  return comments.filter((c) => {
    const id = JSON.stringify([c.kind, c.author, c.text, c.startsAt, c.endsAt]);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

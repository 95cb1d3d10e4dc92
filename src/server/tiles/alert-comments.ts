import { plainLine } from '../../shared/plain-text.js';
import type { AlertComment } from '../../shared/views/alerts.js';
import type { CheckComment } from '../readings/monitoring.js';

/** Rows show one or two; the view carries a few so a display can choose. */
const COMMENTS_PER_ROW = 3;
const KIND_ORDER: Record<AlertComment['kind'], number> = { acknowledgement: 0, downtime: 1, comment: 2 };

/**
 * A check's comments as a row shows them: acknowledgements first (who took it and why), then downtimes,
 * then comments, newest first. Plain text again: a reading kept from before may hold anything.
 */
export function alertComments(comments: readonly CheckComment[] | undefined): AlertComment[] {
  return [...(comments ?? [])]
    .filter((c) => Object.hasOwn(KIND_ORDER, c.kind))
    .sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || (b.enteredAt ?? 0) - (a.enteredAt ?? 0))
    .slice(0, COMMENTS_PER_ROW)
    .map((c) => ({
      kind: c.kind,
      author: plainLine(c.author, 60),
      text: plainLine(c.text, 300),
      at: c.enteredAt,
      endsAt: c.kind === 'downtime' ? c.endsAt : null,
    }));
}

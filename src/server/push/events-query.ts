import { z } from 'zod';
import { plainLine } from '../../shared/plain-text.js';
import type { EventLog, StoredEvent } from '../store/store-ports.js';

export const DEFAULT_EVENTS_PAGE = 100;
export const MAX_EVENTS_PAGE = 1_000;
/** A page stops growing past this much event JSON, so a page of big events stays a few megabytes. */
const MAX_PAGE_CHARS = 4 * 1024 * 1024;

const PARAMETERS = ['source', 'kind', 'since', 'after', 'limit'] as const;

/** What `GET /api/v1/events` was asked for, checked. */
export interface EventsRequest {
  source?: string;
  kind?: string;
  since?: number;
  after?: number;
  limit: number;
}

export type ParsedEventsQuery = { ok: true; request: EventsRequest } | { ok: false; status: 400 | 403; message: string };

const isoInstant = z.iso.datetime({ offset: true });

/** The query string's parameters, each checked, or the first problem naming the parameter and the fix. */
export function parseEventsQuery(query: unknown, readable: readonly string[]): ParsedEventsQuery {
  const params = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const bad = (message: string): ParsedEventsQuery => ({ ok: false, status: 400, message });
  for (const [name, value] of Object.entries(params)) {
    if (!(PARAMETERS as readonly string[]).includes(name)) {
      return bad(`unknown parameter ${JSON.stringify(plainLine(name, 40))}; the parameters are ${PARAMETERS.join(', ')}`);
    }
    if (typeof value !== 'string') return bad(`${name}: given more than once; give it once`);
  }
  const text = params as Partial<Record<(typeof PARAMETERS)[number], string>>;
  const request: EventsRequest = { limit: DEFAULT_EVENTS_PAGE };
  if (text.source !== undefined) {
    if (!readable.includes(text.source)) {
      const shown = JSON.stringify(plainLine(text.source, 100));
      return { ok: false, status: 403, message: `source: this token may not read source ${shown}; it may read ${readable.map((s) => `"${s}"`).join(', ')}` };
    }
    request.source = text.source;
  }
  if (text.kind !== undefined) {
    if (!/^[a-z][a-z0-9_-]{0,39}$/.test(text.kind)) return bad('kind: expected an event kind such as "deploy" or "metric"');
    request.kind = text.kind;
  }
  if (text.since !== undefined) {
    const since = instantOf(text.since);
    if (since === null) return bad('since: expected an ISO 8601 date-time with an offset ("2026-12-01T12:00:00Z") or epoch milliseconds');
    request.since = since;
  }
  if (text.after !== undefined) {
    if (!/^\d{1,15}$/.test(text.after)) return bad('after: expected an event id (a whole number, the last "id" you read)');
    request.after = Number(text.after);
  }
  if (text.limit !== undefined) {
    const limit = /^\d{1,5}$/.test(text.limit) ? Number(text.limit) : 0;
    if (limit < 1 || limit > MAX_EVENTS_PAGE) return bad(`limit: expected a whole number from 1 to ${MAX_EVENTS_PAGE.toLocaleString('en')}`);
    request.limit = limit;
  }
  return { ok: true, request };
}

function instantOf(text: string): number | null {
  if (/^\d{1,15}$/.test(text)) return Number(text);
  return isoInstant.safeParse(text).success ? Date.parse(text) : null;
}

/** One event as the API shows it: times in epoch ms, `event` as it was accepted (text made plain, times in ms). */
export interface EventView {
  id: number;
  source: string;
  kind: string;
  key: string | null;
  at: number;
  receivedAt: number;
  event: unknown;
}

export interface EventsPage {
  events: EventView[];
  /** The query for the next page (`after` the last event shown), or null when this was the last. */
  next: string | null;
}

/**
 * A page of events from the sources asked for (or all `readable` ones), oldest appended first. One
 * query per source (a token pushes to few), merged by id.
 */
export async function readEventsPage(log: EventLog, request: EventsRequest, readable: readonly string[]): Promise<EventsPage> {
  const sources = request.source !== undefined ? [request.source] : readable;
  const query = {
    ...(request.kind !== undefined && { kind: request.kind }),
    ...(request.since !== undefined && { since: request.since }),
    ...(request.after !== undefined && { afterId: request.after }),
    // one more than asked for tells whether there is a next page
    limit: request.limit + 1,
  };
  const found: StoredEvent[] = (await Promise.all(sources.map((source) => log.events({ ...query, source })))).flat().sort((a, b) => a.id - b.id);
  const events: EventView[] = [];
  let chars = 0;
  for (const stored of found.slice(0, request.limit)) {
    chars += JSON.stringify(stored.body).length;
    if (events.length > 0 && chars > MAX_PAGE_CHARS) break;
    events.push({ id: stored.id, source: stored.source, kind: stored.kind, key: stored.key, at: stored.at, receivedAt: stored.receivedAt, event: stored.body });
  }
  const last = events[events.length - 1];
  const more = last !== undefined && found.length > events.length;
  return { events, next: more ? nextPage(request, last.id) : null };
}

function nextPage(request: EventsRequest, after: number): string {
  const params = new URLSearchParams();
  if (request.source !== undefined) params.set('source', request.source);
  if (request.kind !== undefined) params.set('kind', request.kind);
  if (request.since !== undefined) params.set('since', String(request.since));
  params.set('after', String(after));
  params.set('limit', String(request.limit));
  return `/api/v1/events?${params.toString()}`;
}

import type { SourceConfig } from './config/schema.js';
import { plainLine } from '../shared/plain-text.js';
import type { Logger } from './logger.js';
import type { AcceptedPush, BoundPushedSource, RegisteredSourceKind } from './sources/registered-source-kind.js';
import { SecretRedactor } from './sources/secret-redactor.js';
import type { OptionProblem } from './sources/source-kind.js';
import type { EventLog, LiveStore } from './store/store-ports.js';

export interface PushIntakeDeps {
  store: Pick<LiveStore, 'reading' | 'recordSuccess' | 'recordFailure'>;
  /** Where pushed events are appended, durably, before they count. */
  events: EventLog;
  now: () => number;
  /** The source kinds the config's sources are of. */
  kinds: readonly RegisteredSourceKind[];
  logger: Logger;
  /** The config's boards, which events may name (a note's `board`). */
  boardIds: readonly string[];
  /** Secrets (the push tokens) removed from every pushed event before it is checked and stored. */
  redactor?: SecretRedactor;
}

export type PushOutcome =
  /** `duplicate`: a push with this key was taken before, and was not counted again. */
  | { ok: true; duplicate: boolean }
  | { ok: false; problem: 'unknown-source' | 'not-pushed' | 'invalid'; message: string; problems: OptionProblem[] };

/** A problem of one event of a request: its index in the request and the path inside the event. */
export interface EventProblem {
  index: number;
  path: PropertyKey[];
  message: string;
}

/** One event of a request as the event log took it. */
export interface ReceivedEvent {
  /** Its number in the event log (increasing in append order; the one stored first for a duplicate). */
  id: number;
  source: string;
  kind: string;
  /** The sender's idempotency key (the event's `id`), if it gave one. */
  key: string | null;
  /** True when an event with this key had been taken before: it was not stored or counted again. */
  duplicate: boolean;
}

export type EventsOutcome = { ok: true; events: ReceivedEvent[] } | { ok: false; problems: EventProblem[] };

interface CheckedEvent {
  sourceId: string;
  source: BoundPushedSource;
  accepted: AcceptedPush;
}

/**
 * Where the data of pushed sources comes in (the scheduler polls the others). Every event is hostile
 * until it is routed to one of the sources the sender may push to and that source's kind accepted it;
 * then all events of a request are appended to the event log at once, and only once that is durable
 * do the new ones become their sources' readings (folded in the order sent), which live updates carry
 * to the boards. Appends resolve in the order they were made, and nothing between an append resolving
 * and its readings being recorded waits, so readings are applied in append order across requests too.
 */
export class PushIntake {
  private readonly sources = new Map<string, BoundPushedSource>();
  private readonly polled = new Set<string>();
  private readonly redactor: SecretRedactor;

  constructor(
    sources: Record<string, SourceConfig>,
    private readonly deps: PushIntakeDeps,
  ) {
    for (const [id, config] of Object.entries(sources)) {
      const kind = deps.kinds.find((k) => k.kind === config.type);
      if (!kind) throw new Error(`source "${id}": unknown type "${config.type}"`);
      // the config was validated at the edge; binding parses the kind's own options off it once
      const source = kind.arrives === 'pushed' ? kind.bind(config) : null;
      if (source?.arrives === 'pushed') this.sources.set(id, source);
      else this.polled.add(id);
    }
    this.redactor = deps.redactor ?? SecretRedactor.none;
  }

  /** Ids of the sources that take pushes. */
  sourceIds(): string[] {
    return [...this.sources.keys()];
  }

  /** The kind of event a pushed source takes (`deploy`, `metric`, …); undefined for any other id. */
  eventKindOf(sourceId: string): string | undefined {
    return this.sources.get(sourceId)?.event;
  }

  /**
   * One event to `sourceId`, from inside the process (the HTTP API routes by token and kind:
   * `receiveEvents`). `key` defaults to the event's `id`. Resolves once it is recorded (or known to
   * be a repeat of its key); one that is not valid changes nothing and says why, by path. Rejects
   * only when the event log cannot store it (the sender may retry with the same key).
   */
  async receive(sourceId: string, payload: unknown, key?: string | null): Promise<PushOutcome> {
    const source = this.sources.get(sourceId);
    if (!source) {
      const named = plainLine(sourceId, 100); // what a client sent, shown back
      const pushed = `pushed sources: ${this.sourceIds().join(', ') || 'none'}`;
      return this.polled.has(sourceId)
        ? { ok: false, problem: 'not-pushed', message: `source "${named}" is polled, not pushed (${pushed})`, problems: [] }
        : { ok: false, problem: 'unknown-source', message: `no source "${named}" (${pushed})`, problems: [] };
    }
    const accepted = source.accept(this.redactor.redactDeep(payload), this.deps);
    if (!accepted.ok) {
      return { ok: false, problem: 'invalid', message: `not a valid push for source "${sourceId}" (${source.kind})`, problems: accepted.problems };
    }
    const [received] = await this.commit([{ sourceId, source, accepted }], key);
    return { ok: true, duplicate: received?.duplicate ?? false };
  }

  /**
   * The events of one request, sent by someone who may push to the sources `allowed`. Each goes to
   * the one allowed source that takes its `kind` (its `source` field picks one when several do) and
   * is checked by that source's kind. Any problem with any event: every problem is returned, by event
   * and path, and nothing is stored. Otherwise all are appended in one append; resolves after it is
   * durable and the new events are folded into their sources' readings. Rejects when the event log
   * cannot store them (nothing of the request is kept: the sender retries with the same ids).
   */
  async receiveEvents(events: readonly unknown[], allowed: readonly string[]): Promise<EventsOutcome> {
    const offered = allowed.flatMap((id) => {
      const source = this.sources.get(id);
      return source ? [{ id, source }] : [];
    });
    const problems: EventProblem[] = [];
    const checked: CheckedEvent[] = [];
    events.forEach((raw, index) => {
      const routed = route(raw, offered);
      if ('problem' in routed) {
        problems.push({ index, ...routed.problem });
        return;
      }
      const accepted = routed.source.accept(this.redactor.redactDeep(raw), this.deps);
      if (accepted.ok) checked.push({ sourceId: routed.id, source: routed.source, accepted });
      else problems.push(...accepted.problems.map((p) => ({ index, path: p.path, message: p.message })));
    });
    if (problems.length > 0) return { ok: false, problems };
    return { ok: true, events: await this.commit(checked) };
  }

  private async commit(checked: readonly CheckedEvent[], key?: string | null): Promise<ReceivedEvent[]> {
    const { store, now } = this.deps;
    const arrival = now();
    const appended = await this.deps.events.append(
      checked.map(({ sourceId, source, accepted }) => ({
        source: sourceId,
        kind: source.event,
        at: numberField(accepted.body, 'at') ?? arrival,
        body: accepted.body,
        key: key !== undefined ? key : stringField(accepted.body, 'id'),
      })),
    );
    // from here to the last reading nothing waits: readings follow the order appends resolved in
    const fresh = new Map<string, { source: BoundPushedSource; accepted: AcceptedPush[] }>();
    appended.forEach(({ duplicate }, i) => {
      const { sourceId, source, accepted } = checked[i]!;
      if (duplicate) return;
      const group = fresh.get(sourceId) ?? { source, accepted: [] };
      group.accepted.push(accepted);
      fresh.set(sourceId, group);
    });
    for (const [sourceId, { source, accepted }] of fresh) {
      try {
        store.recordSuccess(sourceId, source.readingAfter(accepted, { previous: store.reading(sourceId), now }));
      } catch (err) {
        // the events are kept; what the kind made of them is a bug to see on the wall, not a lost push
        const message = `pushed events were stored but could not be shown: ${(err as Error).message}`;
        this.deps.logger.error(`source "${sourceId}": ${message}`);
        store.recordFailure(sourceId, message, now());
      }
    }
    return appended.map(({ event, duplicate }) => ({ id: event.id, source: event.source, kind: event.kind, key: event.key, duplicate }));
  }
}

type Offered = { id: string; source: BoundPushedSource };

/** The one offered source an event goes to, or why there is none. */
function route(raw: unknown, offered: readonly Offered[]): Offered | { problem: { path: PropertyKey[]; message: string } } {
  const takes = offered.map(({ id, source }) => `"${source.event}" events to "${id}"`).join(', ');
  const problem = (path: PropertyKey[], message: string) => ({ problem: { path, message } });
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return problem([], `expected an event: an object with "kind" (this token may push ${takes})`);
  }
  const { kind, source: named } = raw as { kind?: unknown; source?: unknown };
  if (typeof kind !== 'string') return problem(['kind'], `expected the event's kind, a string (this token may push ${takes})`);
  const shownKind = JSON.stringify(plainLine(kind, 40));
  if (named !== undefined) {
    if (typeof named !== 'string') return problem(['source'], 'expected a source id, a string');
    const target = offered.find((o) => o.id === named);
    if (!target) return problem(['source'], `this token may not push to source ${JSON.stringify(plainLine(named, 100))}; it may push ${takes}`);
    if (target.source.event !== kind) return problem(['kind'], `source "${named}" takes "${target.source.event}" events, not ${shownKind}`);
    return target;
  }
  const candidates = offered.filter((o) => o.source.event === kind);
  if (candidates.length === 1) return candidates[0]!;
  if (candidates.length === 0) return problem(['kind'], `this token may push no ${shownKind} events (it may push ${takes}); send them with a token of a source that takes them`);
  return problem(['kind'], `this token may push ${shownKind} events to ${candidates.map((c) => `"${c.id}"`).join(', ')}: name one with "source"`);
}

function numberField(body: unknown, field: string): number | null {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function stringField(body: unknown, field: string): string | null {
  const value = typeof body === 'object' && body !== null ? (body as Record<string, unknown>)[field] : undefined;
  return typeof value === 'string' ? value : null;
}

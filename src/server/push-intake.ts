import type { SourceConfig } from './config/schema.js';
import { plainLine } from '../shared/plain-text.js';
import type { BoundPushedSource, RegisteredSourceKind } from './sources/registered-source-kind.js';
import type { OptionProblem } from './sources/source-kind.js';
import type { EventLog, LiveStore } from './store/store-ports.js';

export interface PushIntakeDeps {
  store: Pick<LiveStore, 'reading' | 'recordSuccess'>;
  /** Where a push is appended, durably, before it counts; null keeps no log (nothing is persisted). */
  events: EventLog | null;
  now: () => number;
  /** The source kinds the config's sources are of. */
  kinds: readonly RegisteredSourceKind[];
}

export type PushOutcome =
  /** `duplicate`: a push with this key was taken before, and was not counted again. */
  | { ok: true; duplicate: boolean }
  | { ok: false; problem: 'unknown-source' | 'not-pushed' | 'invalid'; message: string; problems: OptionProblem[] };

/**
 * Where the data of pushed sources comes in (the scheduler polls the others). Every push is hostile
 * until its kind's payload schema accepted it; then it is appended to the event log, and only once
 * that is durable does it become the source's reading, which live updates carry to the boards.
 */
export class PushIntake {
  private readonly sources = new Map<string, BoundPushedSource>();
  private readonly polled = new Set<string>();

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
  }

  /** Ids of the sources that take pushes. */
  sourceIds(): string[] {
    return [...this.sources.keys()];
  }

  /**
   * One push to `sourceId`. Resolves once it is recorded (or known to be a repeat of `key`); a push
   * that is not valid changes nothing and says why, by path. Rejects only when the event log cannot
   * store it (the sender may retry with the same key).
   */
  async receive(sourceId: string, payload: unknown, key: string | null = null): Promise<PushOutcome> {
    const source = this.sources.get(sourceId);
    if (!source) {
      const named = plainLine(sourceId, 100); // what a client sent, shown back
      const pushed = `pushed sources: ${this.sourceIds().join(', ') || 'none'}`;
      return this.polled.has(sourceId)
        ? { ok: false, problem: 'not-pushed', message: `source "${named}" is polled, not pushed (${pushed})`, problems: [] }
        : { ok: false, problem: 'unknown-source', message: `no source "${named}" (${pushed})`, problems: [] };
    }
    const accepted = source.accept(payload);
    if (!accepted.ok) {
      return { ok: false, problem: 'invalid', message: `not a valid push for source "${sourceId}" (${source.kind})`, problems: accepted.problems };
    }
    if (this.deps.events) {
      const [appended] = await this.deps.events.append([{ source: sourceId, kind: source.event, at: this.deps.now(), body: accepted.body, key }]);
      if (appended?.duplicate) return { ok: true, duplicate: true };
    }
    const { store, now } = this.deps;
    store.recordSuccess(sourceId, source.readingAfter([accepted], { previous: store.reading(sourceId), now }));
    return { ok: true, duplicate: false };
  }
}

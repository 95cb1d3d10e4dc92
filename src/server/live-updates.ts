import type { TileView } from '../shared/tile-view.js';
import type { Hub } from './hub/hub.js';
import type { Logger } from './logger.js';
import type { LiveStore } from './store/store-ports.js';
import type { BoardCatalog } from './boards/board-catalog.js';
import { ViewDiff } from './tiles/view-diff.js';

/**
 * A source's tiles are recomputed and sent at most this often: a change after a quiet spell goes out
 * at once, changes that follow within the gap go out together at its end. Pushed sources change with
 * every request (thousands a second) and each recompute is a message to every display of its boards:
 * a write to each connection, 20-50 µs apiece, so with 1,000 displays four a second cost a tenth of a
 * core (events-ingest benchmark). Walls are read from across the room; a quarter second is not seen.
 */
export const MIN_UPDATE_GAP_MS = 250;

/**
 * Turns store changes into deltas: recompute the tiles of the changed source on every board that
 * shows it, keep only what differs from what was sent, hand that to the hub. Views change with time
 * alone only through staleness, so a periodic sweep re-judges each source's health and recomputes
 * the tiles of those whose staleness changed, not every board every second.
 */
export class LiveUpdates {
  private readonly diffs = new Map<string, ViewDiff>();
  /** Per source, the staleness (flag and reason) its tiles were last computed with. */
  private readonly staleness = new Map<string, string>();
  /** Per watched board, the banners its displays have (as JSON), so only a change is sent. */
  private readonly notesSent = new Map<string, string>();
  /** Per source, when its tiles were last recomputed for a change. */
  private readonly refreshedAt = new Map<string, number>();
  /** Per source, a recompute held back to the end of its gap; it reads the newest state when it runs. */
  private readonly held = new Map<string, NodeJS.Timeout>();
  private unsubscribe: (() => void) | null = null;
  private sweepTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly store: LiveStore,
    private readonly catalog: BoardCatalog,
    private readonly hub: Hub,
    private readonly now: () => number,
    private readonly logger: Logger,
    private readonly sweepMs = 1000,
    private readonly minGapMs = MIN_UPDATE_GAP_MS,
  ) {}

  start(): void {
    const unsubscribeStore = this.store.subscribe((sourceId) => this.sourceChanged(sourceId));
    // a board nobody watched has no record of what was sent: the snapshot that a first display
    // gets is that record, so the next delta carries only real changes
    const unsubscribeHub = this.hub.onSnapshot((boardId, views, notes) => {
      if (!this.diffs.has(boardId)) this.diff(boardId).changed(views);
      if (!this.notesSent.has(boardId)) this.notesSent.set(boardId, JSON.stringify(notes));
    });
    this.unsubscribe = () => {
      unsubscribeStore();
      unsubscribeHub();
    };
    const timedBoards = this.catalog.timedBoards();
    this.sweepTimer = setInterval(() => {
      for (const sourceId of this.catalog.sourceIds()) {
        if (this.staleness.get(sourceId) !== this.stalenessOf(sourceId)) this.sourceChanged(sourceId);
      }
      // a deploy stalls, a grace period ends: nothing was recorded, yet these tiles' views may differ now
      for (const boardId of timedBoards) this.publish(boardId, () => this.catalog.timedViews(boardId, this.now()));
      // a note's time to show comes or its expiry passes without any push
      this.publishNotes();
    }, this.sweepMs);
    this.sweepTimer.unref();
  }

  /**
   * Recomputes every source's tiles now, e.g. when the saved state has been restored: a restore is
   * not a poll, but displays must see the restored data before the first poll can replace it. So
   * it goes out at once, gap or not: held back, it would merge with a poll landing within the gap
   * and the restored state would never be shown.
   */
  resync(): void {
    for (const sourceId of this.catalog.sourceIds()) {
      const held = this.held.get(sourceId);
      if (held) clearTimeout(held);
      this.held.delete(sourceId);
      this.refreshSource(sourceId);
    }
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.sweepTimer) clearInterval(this.sweepTimer);
    for (const timer of this.held.values()) clearTimeout(timer);
    this.held.clear();
  }

  private sourceChanged(sourceId: string): void {
    if (this.held.has(sourceId)) return;
    const sinceLast = this.now() - (this.refreshedAt.get(sourceId) ?? Number.NEGATIVE_INFINITY);
    if (sinceLast >= this.minGapMs || sinceLast < 0) {
      this.refreshSource(sourceId);
      return;
    }
    const timer = setTimeout(() => {
      this.held.delete(sourceId);
      this.refreshSource(sourceId);
    }, this.minGapMs - sinceLast);
    timer.unref();
    this.held.set(sourceId, timer);
  }

  private refreshSource(sourceId: string): void {
    this.refreshedAt.set(sourceId, this.now());
    this.staleness.set(sourceId, this.stalenessOf(sourceId));
    for (const boardId of this.catalog.boardsShowing(sourceId)) this.refresh(boardId, sourceId);
    if (this.catalog.holdsNotes(sourceId)) this.publishNotes();
  }

  /** Sends each watched board its banners when they differ from what its displays have. */
  private publishNotes(): void {
    for (const boardId of this.catalog.boardIds()) {
      if (!this.hub.hasViewers(boardId)) {
        this.notesSent.delete(boardId);
        continue;
      }
      try {
        const notes = this.catalog.notes(boardId, this.now());
        const sent = JSON.stringify(notes);
        if (this.notesSent.get(boardId) === sent) continue;
        this.notesSent.set(boardId, sent);
        this.hub.publishNotes(boardId, notes);
      } catch (err) {
        this.logger.error(`board ${boardId}: cannot update its notes: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  }

  private stalenessOf(sourceId: string): string {
    const health = this.store.health(sourceId, this.now());
    return `${health.stale} ${health.staleReason}`;
  }

  private refresh(boardId: string, sourceId: string): void {
    this.publish(boardId, () => this.catalog.views(boardId, this.now(), sourceId));
  }

  private publish(boardId: string, views: () => TileView[]): void {
    // nobody watching: skip the work; a display that joins later gets a fresh snapshot anyway
    if (!this.hub.hasViewers(boardId)) {
      this.diffs.delete(boardId);
      return;
    }
    try {
      const changed = this.diff(boardId).changed(views());
      this.hub.publish(boardId, changed);
    } catch (err) {
      // one board's failure must not stop the others, nor the poll that triggered it
      this.logger.error(`board ${boardId}: cannot update: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }

  private diff(boardId: string): ViewDiff {
    let diff = this.diffs.get(boardId);
    if (!diff) this.diffs.set(boardId, (diff = new ViewDiff()));
    return diff;
  }
}

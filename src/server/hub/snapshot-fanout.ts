/**
 * Joins to the same board that arrive together are answered together: the board's snapshot is
 * computed and encoded once per turn of the event loop and sent to every display that asked, so a
 * burst of joins costs one snapshot, not one per join.
 */
export class SnapshotFanout {
  private readonly pending = new Map<string, Set<string>>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly send: (boardId: string, displayIds: readonly string[]) => void) {}

  request(boardId: string, displayId: string): void {
    let displays = this.pending.get(boardId);
    if (!displays) this.pending.set(boardId, (displays = new Set()));
    displays.add(displayId);
    this.scheduled ??= setImmediate(() => this.flush());
  }

  /** A display that left (or disconnected) before its snapshot went out gets none. */
  cancel(displayId: string, boardId?: string): void {
    for (const [board, displays] of this.pending) {
      if (boardId === undefined || board === boardId) displays.delete(displayId);
    }
  }

  /** Boards this display asked for that have not been sent yet. */
  pendingFor(displayId: string): string[] {
    return [...this.pending].filter(([, displays]) => displays.has(displayId)).map(([board]) => board);
  }

  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.pending.clear();
  }

  private flush(): void {
    this.scheduled = null;
    const batches = [...this.pending];
    this.pending.clear();
    for (const [boardId, displays] of batches) if (displays.size > 0) this.send(boardId, [...displays]);
  }
}

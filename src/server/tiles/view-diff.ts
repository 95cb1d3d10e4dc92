import type { TileView } from '../../shared/tile-view.js';

/**
 * Remembers the last view sent per tile and tells which of a fresh set changed. Views are compared
 * by their JSON, which is exactly what goes over the wire.
 */
export class ViewDiff {
  private readonly sent = new Map<string, string>();

  changed(views: readonly TileView[]): TileView[] {
    const out: TileView[] = [];
    for (const view of views) {
      const json = JSON.stringify(view);
      if (this.sent.get(view.id) !== json) {
        this.sent.set(view.id, json);
        out.push(view);
      }
    }
    return out;
  }
}

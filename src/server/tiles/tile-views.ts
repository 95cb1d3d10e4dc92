import type { TileDataByWidget, TileFrame, TileView, WidgetKind } from '../../shared/tile-view.js';

/**
 * A widget's data in its frame, as its member of the TileView union: one line per widget.
 * TypeScript cannot see that a view built for a generic widget kind belongs to the union, but it
 * checks each line here (and a widget missing here fails type-checking), so no cast is needed.
 */
export const framedView: { [W in WidgetKind]: (frame: TileFrame, data: TileDataByWidget[W]) => TileView } = {
  latency: (frame, data) => ({ ...frame, widget: 'latency', data }),
  clock: (frame, data) => ({ ...frame, widget: 'clock', data }),
  alerts: (frame, data) => ({ ...frame, widget: 'alerts', data }),
  graph: (frame, data) => ({ ...frame, widget: 'graph', data }),
  number: (frame, data) => ({ ...frame, widget: 'number', data }),
  builds: (frame, data) => ({ ...frame, widget: 'builds', data }),
  deploys: (frame, data) => ({ ...frame, widget: 'deploys', data }),
  risk: (frame, data) => ({ ...frame, widget: 'risk', data }),
  trend: (frame, data) => ({ ...frame, widget: 'trend', data }),
};

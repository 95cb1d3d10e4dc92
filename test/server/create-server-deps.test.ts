import { Adapter, type BroadcastOptions } from 'socket.io-adapter';
import { afterEach, describe, expect, it } from 'vitest';
import type { LatencyTileView } from '../../src/shared/tile-view.js';
import { builtInKinds } from '../../src/server/built-in-kinds.js';
import { validateConfig } from '../../src/server/config/load-config.js';
import { storeSpecsOf } from '../../src/server/create-server.js';
import { InMemoryServerStore } from '../../src/server/store/in-memory-server-store.js';
import { joinBoard, startTestServer, tileView, waitFor, type StartedServer } from '../helpers/test-server.js';

const raw = {
  sources: { shop: { type: 'http', schedule: '0 0 0 1 1 *', targets: [{ name: 'checkout', url: 'http://127.0.0.1:9/checkout' }] } },
  boards: { ops: { title: 'Ops', columns: 1, rows: 1, tiles: [{ id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0 }] } },
};

/** An adapter of the test's own, as the Redis adapter would be handed in: it sees every broadcast. */
class RecordingAdapter extends Adapter {
  static readonly broadcasts: unknown[] = [];
  override broadcast(packet: { data?: unknown[] }, opts: BroadcastOptions): void {
    RecordingAdapter.broadcasts.push(packet.data?.[0]);
    super.broadcast(packet, opts);
  }
}

let app: StartedServer | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('createServer takes its parts from deps', () => {
  it('runs on the store it is handed: what the store holds is what the board shows', async () => {
    const store = new InMemoryServerStore(storeSpecsOf(validateConfig(raw, 'test', builtInKinds)), Date.now);
    const at = Date.now();
    store.recordSuccess('shop', { type: 'metrics', at, samples: [{ series: 'checkout', label: 'checkout', unit: 'ms', value: 123 }] });
    app = await startTestServer(raw, { store });
    expect(app.server.store).toBe(store);
    const view = (await tileView(app.url, 'ops', 'checkout')) as LatencyTileView;
    expect(view).toMatchObject({ updatedAt: new Date(at).toISOString() });
    expect(view.data.series[0]).toMatchObject({ current: 123 });
  });

  it('broadcasts through the Socket.IO adapter it is handed', async () => {
    RecordingAdapter.broadcasts.length = 0;
    app = await startTestServer(raw, { socketAdapter: RecordingAdapter });
    const display = await joinBoard(app.url, 'ops');
    try {
      expect(display.joined).toEqual({ ok: true });
      await waitFor(() => RecordingAdapter.broadcasts.includes('board:snapshot'), 'the snapshot to go through the adapter');
    } finally {
      display.socket.close();
    }
  });
});

import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, JoinResult, ServerToClientEvents } from '../src/shared/events.js';
import { validateConfig } from '../src/server/config/load-config.js';
import { createServer } from '../src/server/create-server.js';
import { createLogger } from '../src/server/logger.js';
import { httpServiceStandIn } from '../src/server/standins/http-service.js';
import type { Benchmark } from './benchmark.js';
import { builtInKinds } from '../src/server/built-in-kinds.js';

const DISPLAYS = 200;
const FLOOD_JOINS = 10_000;
const ROUNDS = 20;

type Display = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One abusive client floods `board:join` (half of them to a 500-tile board) while 200 displays watch
 * a board: how long the displays wait for their updates with and without the flood, and what the
 * flood does to the server's memory.
 */
export const joinFloodBenchmark: Benchmark = {
  name: 'join-flood',
  async run() {
    const upstream = await httpServiceStandIn.start(0);
    const config = validateConfig(
      {
        sources: { shop: { type: 'http', schedule: '0 0 0 1 1 *', targets: [{ name: 'checkout', url: `http://127.0.0.1:${upstream.port}/checkout` }] } },
        boards: {
          watched: { title: 'Watched', columns: 1, rows: 1, tiles: [{ id: 'checkout', widget: 'latency', source: 'shop', x: 0, y: 0 }] },
          big: {
            title: 'Big', columns: 24, rows: 21,
            tiles: Array.from({ length: 500 }, (_, i) => ({ id: `t${i}`, widget: 'latency', source: 'shop', x: i % 24, y: Math.floor(i / 24) })),
          },
        },
      },
      'bench',
      builtInKinds,
    );
    const server = createServer(config, { logger: createLogger({ level: 'silent' }), schedule: () => ({ stop() {} }) });
    const { url } = await server.listen(0, '127.0.0.1');
    const latencies: number[] = [];
    const displays: Display[] = [];
    for (let i = 0; i < DISPLAYS; i++) {
      const display: Display = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
      display.on('tile:update', (u) => latencies.push(Date.now() - Date.parse(u.serverTime)));
      await display.timeout(10_000).emitWithAck('board:join', 'watched');
      displays.push(display);
    }
    const rounds = async () => {
      latencies.length = 0;
      const health: number[] = [];
      for (let r = 0; r < ROUNDS; r++) {
        const expected = (r + 1) * DISPLAYS;
        await server.scheduler.poll('shop');
        const t0 = performance.now();
        await fetch(`${url}/healthz`);
        health.push(performance.now() - t0);
        const deadline = Date.now() + 10_000;
        while (latencies.length < expected && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      }
      return { updates: latencies.length, updateP50Ms: percentile(latencies, 0.5), updateP99Ms: percentile(latencies, 0.99), healthzP99Ms: Number(percentile(health, 0.99).toFixed(1)) };
    };

    const quiet = await rounds();
    global.gc?.();
    const rssBeforeMb = mb(process.memoryUsage().rss);
    const abuser: Display = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    await new Promise((resolve) => abuser.once('connect', () => resolve(null)));
    const emitAny = abuser.timeout(30_000) as unknown as { emitWithAck(e: string, id: string): Promise<JoinResult> };
    const flood = Promise.all(Array.from({ length: FLOOD_JOINS }, (_, i) => emitAny.emitWithAck('board:join', i % 2 ? 'big' : 'watched').catch(() => ({ ok: false }) as JoinResult)));
    const underFlood = await rounds();
    const answers = await flood;
    const rssAfterMb = mb(process.memoryUsage().rss);
    abuser.close();
    for (const d of displays) d.close();
    await server.close();
    await upstream.stop();
    return {
      displays: DISPLAYS,
      floodJoins: FLOOD_JOINS,
      floodJoinsAccepted: answers.filter((a) => a.ok).length,
      quiet,
      underFlood,
      rssBeforeFloodMb: rssBeforeMb,
      rssAfterFloodMb: rssAfterMb,
    };
  },
};

function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

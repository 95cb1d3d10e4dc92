/**
 * Child process of the events-ingest benchmark: the wall. Opens many displays (Socket.IO clients,
 * as the browser app connects), joins each to the board, and records how long each update of the
 * watched tile took from the sender to the display: the tile shows a value that is its send time.
 */
import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../src/shared/events.js';

type Display = Socket<ServerToClientEvents, ClientToServerEvents>;

export type DisplaysCommand =
  | { do: 'join'; url: string; board: string; tile: string; displays: number }
  | { do: 'measure' }
  | { do: 'report' }
  | { do: 'close' };

export interface DisplaysReport {
  displays: number;
  /** Displays the server dropped (e.g. for not reading fast enough). */
  disconnected: number;
  updates: number;
  updatesPerDisplayPerSecond: number;
  /** From the event's send time to its value arriving at a display. */
  latencyMs: { p50: number; p99: number; max: number };
  /** CPU this process used, in percent of one core: the displays' own cost on the same machine. */
  displaysCpuPercent: number;
}

const displays: Display[] = [];
let latencies: number[] = [];
let disconnected = 0;
let measuringSince = performance.now();
let cpuSince = process.cpuUsage();
let tileId = '';

async function join(url: string, board: string, count: number): Promise<void> {
  const joinOne = async () => {
    const display: Display = io(url, { transports: ['websocket'], forceNew: true, reconnection: false });
    display.on('tile:update', (update) => {
      const arrived = Date.now();
      for (const view of update.views) {
        if (view.id !== tileId || view.widget !== 'number') continue;
        const sentAt = view.data.current;
        if (typeof sentAt === 'number') latencies.push(arrived - sentAt);
      }
    });
    display.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') disconnected++;
    });
    const joined = await display.timeout(30_000).emitWithAck('board:join', board);
    if (!joined.ok) throw new Error(`display could not join ${board}: ${joined.error}`);
    displays.push(display);
  };
  // a few at a time, as walls come on in the morning; all at once would measure the join flood instead
  for (let i = 0; i < count; i += 50) await Promise.all(Array.from({ length: Math.min(50, count - i) }, joinOne));
}

function report(): DisplaysReport {
  const seconds = (performance.now() - measuringSince) / 1000;
  const cpu = process.cpuUsage(cpuSince);
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
  return {
    displays: displays.length,
    disconnected,
    updates: sorted.length,
    updatesPerDisplayPerSecond: Math.round((sorted.length / Math.max(1, displays.length) / seconds) * 10) / 10,
    latencyMs: { p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN },
    displaysCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / (seconds * 1000)) * 100),
  };
}

process.on('message', (command: DisplaysCommand) => {
  const answer = (value: unknown) => process.send?.(value);
  switch (command.do) {
    case 'join':
      tileId = command.tile;
      join(command.url, command.board, command.displays).then(
        () => answer({ joined: displays.length }),
        (err: Error) => answer({ error: err.message }),
      );
      break;
    case 'measure':
      latencies = [];
      measuringSince = performance.now();
      cpuSince = process.cpuUsage();
      answer({ measuring: true });
      break;
    case 'report':
      answer(report());
      break;
    case 'close':
      for (const display of displays) display.close();
      answer({ closed: true });
      process.disconnect();
      break;
  }
});

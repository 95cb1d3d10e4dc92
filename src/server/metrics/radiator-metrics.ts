import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { PollOutcome } from '../scheduler.js';

/** What the metrics read at scrape time instead of being told on every change. */
export interface MetricsReaders {
  sourceIds(): string[];
  /** Whether the source's tiles are stale now. */
  isStale(sourceId: string): boolean;
  /** Displays per board. */
  viewers(): Record<string, number>;
  /**
   * False while state cannot be written (disk full, read-only). Absent when state is kept in memory
   * only: the gauge is left out then, since an unlabelled gauge always shows a value and 0 would read as a failing disk.
   */
  stateSaving?: () => boolean;
}


/**
 * The Prometheus metrics of one server, on a registry of its own (no global default registry, so
 * several servers in one process, as in tests, never share or clash). Scraped at /metrics.
 */
export class RadiatorMetrics {
  readonly registry = new Registry();
  private readonly polls: Counter<'source' | 'outcome'>;
  private readonly pollSeconds: Histogram<'source'>;
  private readonly deltas: Counter<'board'>;
  private readonly viewsSent: Counter<'board' | 'event'>;
  private readonly bytesSent: Counter;
  private readonly loopDelay: IntervalHistogram;

  constructor(readers: MetricsReaders) {
    const registers = [this.registry];
    this.polls = new Counter({ name: 'radiator_source_polls_total', help: 'Polls per source by outcome', labelNames: ['source', 'outcome'], registers });
    this.pollSeconds = new Histogram({
      name: 'radiator_source_poll_duration_seconds',
      help: 'How long a poll took, from start to recorded outcome',
      labelNames: ['source'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    });
    new Gauge({
      name: 'radiator_source_stale',
      help: '1 while the source is stale (its tiles show unknown with a reason)',
      labelNames: ['source'],
      registers,
      collect() {
        for (const id of readers.sourceIds()) this.set({ source: id }, readers.isStale(id) ? 1 : 0);
      },
    });
    new Gauge({
      name: 'radiator_displays',
      help: 'Displays connected per board',
      labelNames: ['board'],
      registers,
      collect() {
        for (const [board, count] of Object.entries(readers.viewers())) this.set({ board }, count);
      },
    });
    const { stateSaving } = readers;
    if (stateSaving) {
      new Gauge({
        name: 'radiator_state_saving',
        help: '1 while state is being saved, 0 while saves fail (see /healthz for why)',
        registers,
        collect() {
          this.set(stateSaving() ? 1 : 0);
        },
      });
    }
    this.deltas = new Counter({ name: 'radiator_deltas_emitted_total', help: 'tile:update messages broadcast per board', labelNames: ['board'], registers });
    this.viewsSent = new Counter({ name: 'radiator_tile_views_emitted_total', help: 'Tile views broadcast per board and event', labelNames: ['board', 'event'], registers });
    this.bytesSent = new Counter({ name: 'radiator_socket_bytes_sent_total', help: 'Bytes of Socket.IO messages handed to display connections', registers });
    this.loopDelay = monitorEventLoopDelay({ resolution: 10 });
    this.loopDelay.enable();
    const loopDelay = this.loopDelay;
    new Gauge({
      name: 'radiator_event_loop_delay_seconds',
      help: 'Event-loop delay since the last scrape, by quantile',
      labelNames: ['quantile'],
      registers,
      collect() {
        for (const q of [0.5, 0.9, 0.99, 1]) this.set({ quantile: String(q) }, loopDelay.percentile(q * 100) / 1e9);
        loopDelay.reset();
      },
    });
    new Gauge({
      name: 'process_resident_memory_bytes',
      help: 'Resident memory size in bytes',
      registers,
      collect() {
        this.set(process.memoryUsage.rss());
      },
    });
  }

  pollFinished(sourceId: string, outcome: PollOutcome, seconds: number): void {
    this.polls.inc({ source: sourceId, outcome });
    if (outcome !== 'skipped') this.pollSeconds.observe({ source: sourceId }, seconds);
  }

  emitted(boardId: string, event: 'board:snapshot' | 'tile:update', views: number): void {
    if (event === 'tile:update') this.deltas.inc({ board: boardId });
    this.viewsSent.inc({ board: boardId, event }, views);
  }

  bytesHandedToDisplays(bytes: number): void {
    this.bytesSent.inc(bytes);
  }

  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }

  close(): void {
    this.loopDelay.disable();
  }
}

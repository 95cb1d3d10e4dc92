/**
 * Child process of the events-ingest benchmark: the senders. Posts `metric` events to
 * POST /api/v1/events at a fixed rate (open loop: a request is due at its time whether or not the
 * earlier ones were answered, so a slow server shows as latency, not as a politely lower rate) and
 * measures each request from when it was due to its answer. The value of each event is the time it
 * was sent (epoch ms), so the displays can tell how long it took to reach them.
 *
 * Requests are written straight to a few keep-alive connections, pipelined (HTTP/1.1 answers them
 * in order), and answers are taken apart just enough to find their status and end: Node's HTTP
 * client costs about as much per request as the server does, and would measure itself.
 */
import { connect, type Socket } from 'node:net';

export interface LoadPlan {
  url: string;
  token: string;
  series: string;
  /** Events per second offered. */
  eventsPerSecond: number;
  /** Events per request (the body is an array when more than one). */
  eventsPerRequest: number;
  durationMs: number;
  /** Connections the requests are spread over. */
  connections: number;
  /** Idempotency keys start with this, so every run's events are new. */
  idPrefix: string;
}

export interface LoadResult {
  requests: number;
  accepted: number;
  acceptedEvents: number;
  /** Answers other than 202, by status (0: no answer, the connection failed). */
  refused: Record<string, number>;
  seconds: number;
  acceptedEventsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** CPU this process used, in percent of one core: the senders' own cost on the same machine. */
  senderCpuPercent: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** One keep-alive connection with its requests in flight, oldest first. */
class Connection {
  private readonly socket: Socket;
  private readonly due: number[] = [];
  private buffer: Buffer = Buffer.alloc(0);

  constructor(
    port: number,
    private readonly answered: (status: number, due: number) => void,
  ) {
    this.socket = connect(port, '127.0.0.1');
    this.socket.setNoDelay(true);
    this.socket.on('data', (chunk: Buffer) => this.read(chunk));
    this.socket.on('error', () => this.failAll());
    this.socket.on('close', () => this.failAll());
  }

  send(request: string, due: number): void {
    this.due.push(due);
    this.socket.write(request);
  }

  get inFlight(): number {
    return this.due.length;
  }

  close(): void {
    this.socket.destroy();
  }

  private read(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headEnd = this.buffer.indexOf('\r\n\r\n');
      if (headEnd < 0) return;
      const head = this.buffer.toString('latin1', 0, headEnd);
      const length = /\r\ncontent-length: *(\d+)/i.exec(head);
      if (!length) throw new Error(`an answer without content-length: ${head.slice(0, 200)}`);
      const end = headEnd + 4 + Number(length[1]);
      if (this.buffer.length < end) return;
      this.buffer = this.buffer.subarray(end);
      this.answered(Number(head.slice(9, 12)), this.due.shift()!);
    }
  }

  private failAll(): void {
    for (const due of this.due.splice(0)) this.answered(0, due);
  }
}

export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const { port } = new URL(plan.url);
  const perRequest = plan.eventsPerRequest;
  const intervalMs = (1000 * perRequest) / plan.eventsPerSecond;
  const total = Math.floor(plan.durationMs / intervalMs);
  const latencies: number[] = [];
  const refused: Record<string, number> = {};
  let accepted = 0;
  let answered = 0;
  let lastAnswerAt = 0;
  let allAnswered: () => void = () => {};
  const done = new Promise<void>((resolve) => (allAnswered = resolve));
  const onAnswer = (status: number, due: number) => {
    lastAnswerAt = performance.now();
    latencies.push(lastAnswerAt - due);
    if (status === 202) accepted++;
    else refused[status] = (refused[status] ?? 0) + 1;
    if (++answered === total) allAnswered();
  };
  const connections = Array.from({ length: plan.connections }, () => new Connection(Number(port), onAnswer));
  const head = `POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${plan.token}\r\nContent-Type: application/json\r\n`;
  const request = (n: number) => {
    const events = Array.from({ length: perRequest }, (_, i) => ({ kind: 'metric', id: `${plan.idPrefix}-${n}-${i}`, series: plan.series, value: Date.now() }));
    const body = JSON.stringify(perRequest === 1 ? events[0] : events);
    return `${head}Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
  };

  const cpu = process.cpuUsage();
  const started = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      // every request due by now goes out, each measured from its own due time, on the least busy connection
      while (sent < total && started + sent * intervalMs <= now) {
        const connection = connections.reduce((a, b) => (b.inFlight < a.inFlight ? b : a));
        connection.send(request(sent), started + sent * intervalMs);
        sent++;
      }
      if (sent < total) setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()));
      else resolve();
    };
    tick();
  });
  await done;
  const used = process.cpuUsage(cpu);
  for (const connection of connections) connection.close();
  const seconds = (lastAnswerAt - started) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  const at = (p: number) => round1(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN);
  return {
    requests: answered,
    accepted,
    acceptedEvents: accepted * perRequest,
    refused,
    seconds: round1(seconds),
    acceptedEventsPerSecond: Math.round((accepted * perRequest) / seconds),
    latencyMs: { p50: at(0.5), p90: at(0.9), p99: at(0.99), max: round1(sorted[sorted.length - 1] ?? NaN) },
    senderCpuPercent: Math.round(((used.user + used.system) / 1000 / (seconds * 1000)) * 100),
  };
}

process.on('message', (plan: LoadPlan) => {
  void runLoad(plan).then((result) => process.send?.(result));
});

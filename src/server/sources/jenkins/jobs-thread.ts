import type { Worker } from 'node:worker_threads';
import type { BuildJob } from '../../readings/builds.js';
import { siblingModule, startWorker } from '../../worker-thread.js';
import type { JenkinsJobsReply, JenkinsJobsRequest } from './jobs-worker.js';

const workerUrl = siblingModule(import.meta.url, 'jobs-worker');

interface Pending {
  /** The jobs received so far (they come in slices). */
  jobs: BuildJob[];
  resolve(reply: JenkinsJobsReply): void;
  reject(err: unknown): void;
}

/**
 * The worker thread one configured Jenkins source reads its answers in (see jobs-worker.ts). Started
 * on the first answer and kept for the next polls; it never keeps the process alive by itself. A
 * poll aborted while its answer is being read terminates the thread (a new one starts next poll),
 * so a huge answer cannot keep it busy past the poll's timeout.
 */
export class JenkinsJobsThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;

  /** `start` is how the thread is started: tests wrap it to see the thread come and go. */
  constructor(private readonly start: () => Worker = () => startWorker(workerUrl, null)) {}

  /** The jobs in `text`; `invalidJson` is the error for a text that does not parse. */
  async jobs(text: string, request: Omit<JenkinsJobsRequest, 'id' | 'text'>, signal: AbortSignal, invalidJson: () => Error): Promise<BuildJob[]> {
    signal.throwIfAborted();
    const worker = this.running();
    const id = this.nextId++;
    const received: BuildJob[] = [];
    const replied = new Promise<JenkinsJobsReply>((resolve, reject) => this.pending.set(id, { jobs: received, resolve, reject }));
    const onAbort = () => void this.stop(worker, signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    worker.ref(); // a poll is waiting on it
    worker.postMessage({ ...request, id, text } satisfies JenkinsJobsRequest);
    try {
      const reply = await replied;
      if (reply.outcome === 'invalid-json') throw invalidJson();
      if (reply.outcome === 'failed') throw new Error(reply.message);
      return received;
    } finally {
      signal.removeEventListener('abort', onAbort);
      this.pending.delete(id);
      if (this.pending.size === 0 && this.worker === worker) worker.unref();
    }
  }

  /** Ends the thread (the server is stopping); a later `jobs` would start another. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (worker) await this.stop(worker, new Error('Jenkins: the source was closed'));
  }

  private running(): Worker {
    if (this.worker) return this.worker;
    const worker = this.start();
    worker.unref();
    worker.on('message', (reply: JenkinsJobsReply) => this.received(reply));
    worker.on('error', (err) => void this.stop(worker, new Error(`Jenkins: reading the answer failed: ${err.message}`)));
    worker.on('exit', (code) => void this.stop(worker, new Error(`Jenkins: the thread reading answers stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private received(reply: JenkinsJobsReply): void {
    const waiting = this.pending.get(reply.id);
    if (!waiting) return;
    if (reply.outcome !== 'jobs') return waiting.resolve(reply);
    for (const job of reply.jobs) waiting.jobs.push(job);
    if (reply.done) waiting.resolve(reply);
  }

  /** Fails what waits on `worker` with `reason` and terminates it. */
  private async stop(worker: Worker, reason: unknown): Promise<void> {
    if (this.worker !== worker) return;
    this.worker = null;
    for (const waiting of this.pending.values()) waiting.reject(reason);
    this.pending.clear();
    await worker.terminate();
  }
}

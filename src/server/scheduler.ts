import cron from 'node-cron';
import type { SourceConfig } from './config/schema.js';
import type { Logger } from './logger.js';
import { configuredSecrets, publicTexts } from './sources/credentials.js';
import type { Reading } from './readings/reading-kind.js';
import type { BoundPolledSource, RegisteredSourceKind } from './sources/registered-source-kind.js';
import { SecretRedactor } from './sources/secret-redactor.js';
import type { LiveStore } from './store/store-ports.js';

/** Runs `tick` on a cron expression; returns a handle to stop it. Injected so tests drive time. */
export type ScheduleFn = (expression: string, tick: () => void) => { stop(): void };

export const cronSchedule: ScheduleFn = (expression, tick) => {
  const task = cron.schedule(expression, tick, { noOverlap: false });
  return { stop: () => void task.destroy() };
};

export interface SchedulerDeps {
  store: LiveStore;
  schedule: ScheduleFn;
  now: () => number;
  env: Readonly<Record<string, string | undefined>>;
  logger: Logger;
  /** The source kinds the config's sources are of (the composition root's, or a test's own). */
  kinds: readonly RegisteredSourceKind[];
  /** Told how each poll ended and how long it took (the /metrics counters). */
  observer?: PollObserver;
}

export interface PollObserver {
  pollFinished(sourceId: string, outcome: PollOutcome, seconds: number): void;
}

const STOP_GRACE_MS = 5_000;

export type PollOutcome = 'ok' | 'failed' | 'skipped';

interface Job {
  id: string;
  source: BoundPolledSource;
  schedule: string;
  timeoutMs: number;
  running: Promise<void> | null;
  abort: AbortController | null;
}

/**
 * Polls every source on its own schedule. A source never overlaps itself (a tick that finds the
 * previous poll still running is skipped), every poll has a timeout, and a failure is recorded with
 * its reason for that source only. A dead upstream is simply retried on the next tick, never sooner.
 */
export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly pushed = new Set<string>();
  private readonly handles: { stop(): void }[] = [];

  constructor(
    sources: Record<string, SourceConfig>,
    private readonly deps: SchedulerDeps,
  ) {
    for (const [id, config] of Object.entries(sources)) {
      const kind = deps.kinds.find((k) => k.kind === config.type);
      if (!kind) throw new Error(`source "${id}": unknown type "${config.type}"`);
      // the config was validated at the edge; binding parses the kind's own options off it once
      const source = kind.bind(config);
      if (source.arrives === 'pushed') {
        this.pushed.add(id); // its data is sent to the push intake; nothing to poll
        continue;
      }
      const { schedule, timeoutMs } = config;
      if (schedule === undefined || timeoutMs === undefined) throw new Error(`source "${id}": a polled source needs a schedule and a timeoutMs`);
      this.jobs.set(id, { id, source, schedule, timeoutMs, running: null, abort: null });
    }
  }

  /** Schedules every source and polls each once right away, so boards fill without waiting a whole interval. */
  start(): void {
    for (const job of this.jobs.values()) {
      this.handles.push(this.deps.schedule(job.schedule, () => this.pollInBackground(job.id)));
      this.pollInBackground(job.id);
    }
  }

  async poll(sourceId: string): Promise<PollOutcome> {
    const job = this.jobs.get(sourceId);
    if (!job) throw new Error(this.pushed.has(sourceId) ? `source "${sourceId}" is pushed, not polled` : `unknown source "${sourceId}"`);
    if (job.running) {
      this.deps.logger.warn(`source ${sourceId}: previous poll still running, tick skipped`);
      this.deps.observer?.pollFinished(sourceId, 'skipped', 0);
      return 'skipped';
    }
    const startedAt = performance.now();
    let adapterSettled: Promise<unknown> = Promise.resolve();
    let adapterDone = false;
    const run = this.run(job, (polling) => {
      adapterSettled = polling.then(
        () => (adapterDone = true),
        () => (adapterDone = true),
      );
    });
    // the source stays busy until its adapter has really finished, even one that outlived its
    // timeout by ignoring the abort signal: a source never overlaps itself
    const busy = run
      .catch(() => {})
      .then(() => adapterSettled)
      .then(() => {
        job.running = null;
        job.abort = null;
      });
    job.running = busy;
    const outcome = await run;
    this.deps.observer?.pollFinished(sourceId, outcome, (performance.now() - startedAt) / 1000);
    if (adapterDone) await busy; // finished in time: free for the next tick as soon as we return
    return outcome;
  }

  /** Starts a poll from a timer: nothing may escape as an unhandled rejection and stop the server. */
  private pollInBackground(sourceId: string): void {
    this.poll(sourceId).catch((err: unknown) => {
      const job = this.jobs.get(sourceId);
      const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
      this.deps.logger.error(`source ${sourceId}: poll crashed: ${job ? this.redactorFor(job).redact(text) : text}`);
    });
  }

  /**
   * Every secret the source's options name, in every form it travels in (secret-redactor.ts). Built per
   * poll, from the environment the adapter reads its secrets from.
   */
  private redactorFor(job: Job): SecretRedactor {
    return SecretRedactor.fromSecrets(configuredSecrets(job.source.options, this.deps.env), publicTexts(job.source.options));
  }

  async stop(): Promise<void> {
    for (const handle of this.handles.splice(0)) handle.stop();
    const running: Promise<void>[] = [];
    for (const job of this.jobs.values()) {
      job.abort?.abort(new Error('server shutting down'));
      if (job.running) running.push(job.running);
    }
    // an adapter that ignores its abort signal must not hold shutdown hostage
    let timer: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, STOP_GRACE_MS);
    });
    await Promise.race([Promise.allSettled(running), grace]);
    clearTimeout(timer);
    // what a source keeps between polls (a worker thread) must not outlive the server
    await Promise.allSettled([...this.jobs.values()].map((job) => job.source.close?.()));
  }

  private async run(job: Job, started: (polling: Promise<Reading>) => void): Promise<PollOutcome> {
    const { store, now, env } = this.deps;
    const abort = new AbortController();
    job.abort = abort;
    const { timeoutMs } = job;
    let timer: NodeJS.Timeout | undefined;
    // the race makes the timeout hold even for an adapter that ignores its signal
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new Error(`timed out after ${timeoutMs} ms`);
        abort.abort(err);
        reject(err);
      }, timeoutMs);
    });
    // what an upstream sent (an error page echoing the Authorization header, plugin output) may hold a
    // secret of this source: it is redacted before it is stored, shown or logged
    const redactor = this.redactorFor(job);
    try {
      const context = { previous: store.reading(job.id), env, now, deadline: now() + timeoutMs };
      const polling = job.source.poll(abort.signal, context);
      started(polling);
      const reading: Reading = await Promise.race([polling, timedOut]);
      if (reading.type !== job.source.produces) {
        throw new Error(`adapter ${job.source.kind} returned a ${reading.type} reading, expected ${job.source.produces}`);
      }
      store.recordSuccess(job.id, redactor.redactDeep(reading));
      return 'ok';
    } catch (err) {
      const message = redactor.redact(err instanceof Error ? err.message : String(err));
      this.deps.logger.warn(`source ${job.id} (${job.source.kind}): ${message}`);
      store.recordFailure(job.id, message, now());
      return 'failed';
    } finally {
      clearTimeout(timer);
    }
  }
}

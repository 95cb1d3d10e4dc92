import { closeSync, fdatasync, openSync } from 'node:fs';

/** Flushes a file's written data to the disk (fdatasync); resolves once it is there. */
export type SyncFile = (fd: number) => Promise<void>;

export const fdatasyncFile: SyncFile = (fd) => new Promise((resolve, reject) => fdatasync(fd, (err) => (err ? reject(err) : resolve())));

interface Waiter {
  resolve: () => void;
  reject: (err: Error) => void;
}

/**
 * The group commit's durable half. Event appends are committed to the WAL like polls (no fsync on the
 * event loop) and answered only once an fdatasync of the WAL file has covered their commit: the
 * guarantee SQLite's synchronous=FULL gives, but the sync runs in libuv's thread pool while the loop
 * goes on taking requests, and one sync covers every commit made before it started. One runs at a
 * time; what commits during it waits for the next, so a slow disk makes bigger groups, not a queue of
 * syncs. (SQLite's own syncs at checkpoints stay as they are.)
 */
export class WalSync {
  private fd: number | null = null;
  private running: Promise<void> | null = null;
  private waiting: Waiter[] = [];

  constructor(
    /** The database's write-ahead log, DATA/radiator.db-wal (it exists once the first commit is made). */
    private readonly walFile: string,
    private readonly syncFile: SyncFile = fdatasyncFile,
  ) {}

  /** Resolves once everything committed to the WAL before this call is on the disk; rejects when the sync fails. */
  durable(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.start();
    });
  }

  /** Waits for the syncs asked for so far, then lets go of the file. */
  async close(): Promise<void> {
    while (this.running) await this.running;
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private start(): void {
    if (this.running || this.waiting.length === 0) return;
    // a sync already running may have started before these commits were written: they get the next one
    const covered = this.waiting.splice(0);
    this.running = this.syncOnce().then(
      () => covered.forEach((w) => w.resolve()),
      (err: unknown) => {
        const reason = err instanceof Error ? err : new Error(String(err));
        covered.forEach((w) => w.reject(reason));
      },
    );
    void this.running.finally(() => {
      this.running = null;
      this.start();
    });
  }

  private async syncOnce(): Promise<void> {
    // opened once: the WAL keeps its inode while any connection is open (it is only truncated, never replaced)
    this.fd ??= openSync(this.walFile, 'r');
    await this.syncFile(this.fd);
  }
}

/** Thrown by LineReader.next when no line arrived in time; the stream itself may still be fine. */
export class LineTimeout extends Error {}

/** Thrown by LineReader.next once the stream has ended; the message is the reason, in words. */
export class LineStreamEnded extends Error {}

/**
 * Turns TCP chunks into LF-terminated lines (a trailing CR is dropped: some nodes and proxies send
 * CRLF). Lines may be split across chunks at any byte, even inside a multi-byte UTF-8 character,
 * so bytes are joined before decoding. Memory is bounded: one line may not exceed `maxLineBytes`
 * and unread lines may not exceed `maxBufferedBytes`, so a runaway upstream cannot exhaust memory.
 */
export class LineReader {
  private lines: string[] = [];
  /** Wire size of each line in `lines`, to keep `bufferedBytes` exact. */
  private sizes: number[] = [];
  private head = 0;
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private bufferedBytes = 0;
  private endReason: string | null = null;
  private wake: (() => void) | null = null;

  constructor(
    private readonly maxLineBytes: number,
    private readonly maxBufferedBytes: number,
  ) {}

  get ended(): boolean {
    return this.endReason !== null;
  }

  /** Feeds a chunk. Returns false when a limit was hit; the reader has then ended. */
  push(chunk: Buffer): boolean {
    if (this.endReason !== null) return false;
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(10, start);
      if (newline === -1) {
        const rest = chunk.subarray(start);
        if (rest.length > 0) {
          this.partialBytes += rest.length;
          if (this.partialBytes > this.maxLineBytes) {
            this.end(`a line longer than ${kib(this.maxLineBytes)}`);
            return false;
          }
          this.partial.push(rest);
        }
        break;
      }
      const bytes = this.partialBytes + newline - start;
      if (bytes > this.maxLineBytes) {
        this.end(`a line longer than ${kib(this.maxLineBytes)}`);
        return false;
      }
      const piece = chunk.subarray(start, newline);
      const raw = this.partial.length ? Buffer.concat([...this.partial, piece]) : piece;
      this.partial = [];
      this.partialBytes = 0;
      const line = raw.toString('utf8');
      this.lines.push(line.endsWith('\r') ? line.slice(0, -1) : line);
      this.sizes.push(bytes + 1);
      this.bufferedBytes += bytes + 1;
      start = newline + 1;
    }
    if (this.bufferedBytes > this.maxBufferedBytes) {
      this.end(`more than ${kib(this.maxBufferedBytes)} of unread output`);
      return false;
    }
    this.wake?.();
    return true;
  }

  /** Marks the stream as ended (closed, reset, limit hit); waiting and later reads fail with `reason`. */
  end(reason: string): void {
    if (this.endReason === null) this.endReason = reason;
    this.wake?.();
  }

  /**
   * The next line. Throws LineTimeout when none arrives before `deadline` (performance.now() ms),
   * LineStreamEnded once buffered lines are used up and the stream has ended.
   */
  async next(deadline: number): Promise<string> {
    for (;;) {
      if (this.head < this.lines.length) {
        const line = this.lines[this.head]!;
        this.bufferedBytes -= this.sizes[this.head]!;
        this.head++;
        if (this.head > 1024 && this.head * 2 > this.lines.length) {
          this.lines = this.lines.slice(this.head);
          this.sizes = this.sizes.slice(this.head);
          this.head = 0;
        }
        return line;
      }
      if (this.endReason !== null) throw new LineStreamEnded(this.endReason);
      const remaining = deadline - performance.now();
      if (remaining <= 0) throw new LineTimeout('timed out');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }
}

function kib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

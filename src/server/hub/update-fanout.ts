/**
 * Displays written to per turn of the event loop when a board's update goes out: about a millisecond
 * of writes (20-50 µs each). A push waiting for its 202 crosses several turns (its request, the group
 * commit, the WAL sync's answer, the reply) and may wait behind a slice in each: with 100 a turn
 * (3-10 ms) the events-ingest benchmark's p99 with 1,000 displays was 3-4 times the one without.
 */
export const DISPLAYS_PER_SLICE = 25;

interface Delivery {
  /** The displays it is for, in order; those before `next` have it. */
  displays: string[];
  next: number;
  send: (displays: string[]) => void;
}

/**
 * Sends a board's updates to its displays a slice at a time, one slice per turn of the event loop:
 * writing one message to a thousand connections holds the loop for 20-100 ms, and every HTTP request
 * (a push waiting for its 202) would wait behind it. A board with few displays gets its update at
 * once, as before. Updates to a board go out in the order they were published (the next starts once
 * the one before reached every display it was for), and a display that gets a fresh snapshot meanwhile
 * is dropped from the deliveries still going out to it, which the snapshot already contains.
 */
export class UpdateFanout {
  private readonly queues = new Map<string, Delivery[]>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly onError: (boardId: string, err: unknown) => void) {}

  /** `send` writes the update to the displays it is given (those still on the board). */
  publish(boardId: string, displays: readonly string[], send: (displays: string[]) => void): void {
    const delivery: Delivery = { displays: [...displays], next: 0, send };
    const queue = this.queues.get(boardId);
    if (queue) {
      queue.push(delivery);
      return;
    }
    this.sendSlice(boardId, delivery);
    if (delivery.next < delivery.displays.length) {
      this.queues.set(boardId, [delivery]);
      this.scheduled ??= setImmediate(() => this.sendSlices());
    }
  }

  /** These displays just got the board's snapshot: what is still on its way to them is older. */
  superseded(boardId: string, displays: readonly string[]): void {
    const fresh = new Set(displays);
    for (const delivery of this.queues.get(boardId) ?? []) {
      delivery.displays = [...delivery.displays.slice(0, delivery.next), ...delivery.displays.slice(delivery.next).filter((id) => !fresh.has(id))];
    }
  }

  stop(): void {
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
    this.queues.clear();
  }

  private sendSlices(): void {
    this.scheduled = null;
    for (const [boardId, queue] of this.queues) {
      const delivery = queue[0]!;
      this.sendSlice(boardId, delivery);
      if (delivery.next >= delivery.displays.length) queue.shift();
      if (queue.length === 0) this.queues.delete(boardId);
    }
    if (this.queues.size > 0) this.scheduled = setImmediate(() => this.sendSlices());
  }

  private sendSlice(boardId: string, delivery: Delivery): void {
    const slice = delivery.displays.slice(delivery.next, delivery.next + DISPLAYS_PER_SLICE);
    delivery.next += DISPLAYS_PER_SLICE;
    if (slice.length === 0) return;
    try {
      delivery.send(slice);
    } catch (err) {
      this.onError(boardId, err);
    }
  }
}

/**
 * Displays written to per turn of the event loop when a board's update goes out: about a millisecond
 * of writes (20-50 µs each). A push waiting for its 202 crosses several turns (its request, the group
 * commit, the WAL sync's answer, the reply) and may wait behind a slice in each: with 100 a turn
 * (3-10 ms) the events-ingest benchmark's p99 with 1,000 displays was 3-4 times the one without.
 */
export const DISPLAYS_PER_SLICE = 25;

/**
 * Updates of one board waiting behind the one going out. Those for the same displays are merged, so
 * the queue only grows when displays come and go between updates; past this many, the board's
 * displays are better served by a fresh snapshot than by catching up (see `resync`).
 */
export const MAX_WAITING_UPDATES = 32;

export interface FanoutPorts<M> {
  /** Writes `message` to these displays (those still on the board). */
  send(boardId: string, displays: string[], message: M): void;
  /** One message saying what `older` then `newer` say, or null when they cannot be one. */
  merge(older: M, newer: M): M | null;
  /** Too many updates were waiting: they are dropped, and these displays need the board afresh. */
  resync(boardId: string, displays: string[]): void;
  onError(boardId: string, err: unknown): void;
}

interface Delivery<M> {
  /** The displays it is for, in order; those before `next` have it. */
  displays: string[];
  next: number;
  message: M;
}

/**
 * Sends a board's updates to its displays a slice at a time, one slice per turn of the event loop:
 * writing one message to a thousand connections holds the loop for 20-100 ms, and every HTTP request
 * (a push waiting for its 202) would wait behind it. A board with few displays gets its update at
 * once, as before. Updates to a board go out in the order they were published (the next starts once
 * the one before reached every display it was for), and a display that gets a fresh snapshot meanwhile
 * is dropped from the deliveries still going out to it, which the snapshot already contains. What
 * waits is bounded: updates for the same displays merge, and a backlog beyond MAX_WAITING_UPDATES
 * is replaced by a fresh snapshot.
 */
export class UpdateFanout<M> {
  private readonly queues = new Map<string, Delivery<M>[]>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(private readonly ports: FanoutPorts<M>) {}

  publish(boardId: string, displays: readonly string[], message: M): void {
    const delivery: Delivery<M> = { displays: [...displays], next: 0, message };
    const queue = this.queues.get(boardId);
    if (queue) {
      this.enqueue(boardId, queue, delivery);
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

  /** Behind the delivery going out (queue[0]); merged into the last waiting one when it is for the same displays. */
  private enqueue(boardId: string, queue: Delivery<M>[], delivery: Delivery<M>): void {
    const last = queue.length > 1 ? queue[queue.length - 1]! : null;
    const merged = last && sameDisplays(last.displays, delivery.displays) ? this.ports.merge(last.message, delivery.message) : null;
    if (merged !== null) {
      last!.message = merged;
      return;
    }
    queue.push(delivery);
    if (queue.length - 1 <= MAX_WAITING_UPDATES) return;
    // displays keep coming and going faster than updates reach them: a snapshot says it all at once
    const behind = new Set(queue.flatMap((d) => d.displays.slice(d.next)));
    queue.splice(1);
    const going = queue[0]!;
    going.displays = going.displays.slice(0, going.next);
    this.ports.resync(boardId, [...behind]);
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

  private sendSlice(boardId: string, delivery: Delivery<M>): void {
    const slice = delivery.displays.slice(delivery.next, delivery.next + DISPLAYS_PER_SLICE);
    delivery.next += DISPLAYS_PER_SLICE;
    if (slice.length === 0) return;
    try {
      this.ports.send(boardId, slice, delivery.message);
    } catch (err) {
      this.ports.onError(boardId, err);
    }
  }
}

function sameDisplays(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

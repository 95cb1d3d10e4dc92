import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/** What one display (one socket) may ask of the hub. */
export interface DisplayLimits {
  /** A display shows a board, or a playlist's boards one at a time: a handful at once is plenty. */
  maxBoardsPerDisplay: number;
  /** `board:join` requests a display may make per window; the rest are refused, not queued. */
  joinsPerWindow: number;
  joinWindowSeconds: number;
}

export const DEFAULT_DISPLAY_LIMITS: DisplayLimits = { maxBoardsPerDisplay: 4, joinsPerWindow: 30, joinWindowSeconds: 10 };

/**
 * Per-display join budget. Every join costs a snapshot, so a client that floods joins is refused
 * cheaply (a short error in the ack) instead of making the server compute and queue snapshot after
 * snapshot while every other wall waits.
 */
export class JoinBudget {
  private readonly limiter: RateLimiterMemory;

  constructor(limits: DisplayLimits) {
    this.limiter = new RateLimiterMemory({ points: limits.joinsPerWindow, duration: limits.joinWindowSeconds });
  }

  /** null when the display may join now; otherwise the error to answer with. */
  async take(displayId: string): Promise<string | null> {
    try {
      await this.limiter.consume(displayId);
      return null;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      return `too many board:join requests; try again in ${Math.ceil(refusal.msBeforeNext / 1000)} s`;
    }
  }

  forget(displayId: string): void {
    void this.limiter.delete(displayId);
  }
}

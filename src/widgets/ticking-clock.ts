import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Time that moves on its own between server updates ("updated 12 s ago", the clock's seconds): re-renders
 * its host every `periodMs` while the host is on the page, and stops with it, so nothing keeps ticking
 * for elements that are gone on a wall that runs for weeks.
 */
export class TickingClock implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly periodMs: number,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    this.timer = setInterval(() => {
      this.now = Date.now();
      this.host.requestUpdate();
    }, this.periodMs);
  }

  hostDisconnected(): void {
    clearInterval(this.timer);
  }
}

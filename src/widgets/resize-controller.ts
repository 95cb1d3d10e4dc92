import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Layout that depends on the room a widget is given (what fits, where labels go): calls `onResize`
 * whenever the host's box changes size (and once when it is first observed) while the host is on the
 * page, and lets go of it when the host leaves, so a wall that swaps boards for weeks keeps no
 * observers of elements that are gone.
 */
export class ResizeController implements ReactiveController {
  private readonly observer: ResizeObserver;

  constructor(
    private readonly host: ReactiveControllerHost & Element,
    onResize: () => void,
  ) {
    this.observer = new ResizeObserver(() => onResize());
    host.addController(this);
  }

  hostConnected(): void {
    this.observer.observe(this.host);
  }

  hostDisconnected(): void {
    this.observer.disconnect();
  }
}

import { systemClock, type Clock } from './clock';
import type { PublishGate } from './publish-gate';

/**
 * Coalesces many changes into at most one publish per interval: the first change publishes after at
 * most `intervalMs`, later ones within the window ride along. This is how a book receiving hundreds of
 * updates a second reaches React ~10 times a second (never setState per frame).
 */
export class ThrottledPublisher {
  private readonly listeners = new Set<() => void>();
  private timer: unknown;
  /** set while a publish waits for its turn at the gate */
  private leaveGate: (() => void) | undefined;
  private lastPublish = -Infinity;

  constructor(
    /** builds the new immutable snapshot just before listeners are told */
    private readonly publish: () => void,
    /** ms between publishes; a function is asked again at each change (a paced interval, publish-pace.ts) */
    private readonly intervalMs: number | (() => number) = 100,
    private readonly clock: Clock = systemClock,
    /** the page's publish gate (publish-gate.ts): a due publish also waits for its turn there */
    private readonly gate?: PublishGate,
  ) {}

  get listenerCount(): number {
    return this.listeners.size;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Something changed: publish now if the window has passed, else once when it does. */
  changed(): void {
    if (this.timer !== undefined || this.leaveGate) return;
    const interval = typeof this.intervalMs === 'number' ? this.intervalMs : this.intervalMs();
    const wait = Math.max(0, this.lastPublish + interval - this.clock.now());
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.publishAtTurn();
    }, wait);
  }

  private publishAtTurn(): void {
    if (!this.gate) return this.flush();
    let ran = false;
    const leave = this.gate.enter(() => {
      ran = true;
      this.leaveGate = undefined;
      this.flush();
    });
    // an open gate runs the publish inside enter(): nothing is left waiting then
    if (!ran) this.leaveGate = leave;
  }

  /** Publishes immediately, past the gate (state changes widgets must show without delay, e.g. resyncing). */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    this.leaveGate?.();
    this.leaveGate = undefined;
    this.lastPublish = this.clock.now();
    this.publish();
    for (const listener of [...this.listeners]) listener();
  }

  /** Drops a pending publish (the store is being torn down). */
  cancel(): void {
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.leaveGate?.();
    this.leaveGate = undefined;
  }
}

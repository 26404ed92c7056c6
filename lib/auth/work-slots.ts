import { CLASS_BRAND, isBrandedInstance } from '../class-brand';

/** Thrown when a WorkSlots queue is full: the caller should answer "busy, try again" rather than wait. */
export class SlotsBusyError extends Error {
  static readonly [CLASS_BRAND]: string = 'kraken-desk:SlotsBusyError';
  static [Symbol.hasInstance](value: unknown): boolean {
    return isBrandedInstance(this, value);
  }

  constructor() {
    super('Too much work is waiting; try again in a few seconds.');
    this.name = 'SlotsBusyError';
  }
}

/**
 * Runs at most `maxActive` tasks at once and queues at most `maxQueued` more (first come, first
 * served); beyond that `run` rejects with SlotsBusyError without starting anything.
 */
export class WorkSlots {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  /** Highest number of tasks that ran at once (for tests and diagnostics). */
  peak = 0;

  constructor(
    readonly maxActive: number,
    readonly maxQueued: number,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.maxActive) {
      if (this.waiting.length >= this.maxQueued) throw new SlotsBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active += 1;
    }
    this.peak = Math.max(this.peak, this.active);
    try {
      return await task();
    } finally {
      // Hand the slot straight to the next waiter so `active` never dips and lets a newcomer jump the queue.
      const next = this.waiting.shift();
      if (next) next();
      else this.active -= 1;
    }
  }

  get queued(): number {
    return this.waiting.length;
  }
}

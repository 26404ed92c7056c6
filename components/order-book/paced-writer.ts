/**
 * Runs the latest of many requested writes about once per period, on slots `offset` ms into each period of
 * the page's clock: the book's two sides use offsets half a period apart, so their slow table rewrites never
 * land in the same frame. A request after a quiet period runs at once (a fresh table must not wait to fill);
 * the next one waits for the first slot at least half a period later, and from then on they keep to the slots.
 */

export interface PacedClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface PacedWriter {
  /** runs `write` now after a quiet period, otherwise the latest `write` requested runs at the next slot */
  request(write: () => void): void;
  /** drops a waiting write (unmount) */
  cancel(): void;
}

const pageClock: PacedClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** The first slot at or after `earliest`: a time of the form k × period + offset. */
export function nextSlot(earliest: number, periodMs: number, offsetMs: number): number {
  return Math.ceil((earliest - offsetMs) / periodMs) * periodMs + offsetMs;
}

export function pacedWriter(periodMs: number, offsetMs: number, clock: PacedClock = pageClock): PacedWriter {
  let latest: (() => void) | undefined;
  let timer: unknown;
  let lastRun = Number.NEGATIVE_INFINITY;
  const run = () => {
    timer = undefined;
    lastRun = clock.now();
    const write = latest;
    latest = undefined;
    write?.();
  };
  return {
    request(write) {
      latest = write;
      if (timer !== undefined) return;
      const now = clock.now();
      if (now - lastRun >= periodMs) return run();
      timer = clock.setTimeout(run, Math.max(0, nextSlot(lastRun + periodMs / 2, periodMs, offsetMs) - now));
    },
    cancel() {
      if (timer !== undefined) clock.clearTimeout(timer);
      timer = undefined;
      latest = undefined;
    },
  };
}

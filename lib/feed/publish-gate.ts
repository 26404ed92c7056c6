import { systemClock } from './clock';
import { animationFrames, type FrameScheduler } from './frames';
import { PublishPace } from './publish-pace';

/**
 * Spreads the heavy stores' publishes over animation frames: one per frame, the others waiting their turn in
 * order. One trade reaches the trades tape and the candle chart at the same moment, and the book publishes ten
 * times a second; published together, their renders (a tape row inserted, the chart redrawn, the book painted)
 * landed in one frame, and with the CPU throttled 4× that frame ran past 50 ms (render bench trace). One a frame
 * keeps each of those frames to one of them. No publish waits longer than `MAX_TURN_WAIT_MS` (a slow device's frames come late): past it,
 * it goes with the next turn's. A hidden tab's frame is stood in for by a 50 ms timer (frames.ts).
 */
export interface PublishGate {
  /** Runs `publish` now if none ran since the last frame, else at its turn; returns the withdrawal. */
  enter(publish: () => void): () => void;
}

/** The longest a publish waits at the gate, in ms: a store's own interval is 100 ms. */
export const MAX_TURN_WAIT_MS = 100;

interface Waiting {
  publish: () => void;
  since: number;
}

export function publishGate(frames: FrameScheduler, now: () => number = () => performance.now()): PublishGate {
  let queue: Waiting[] = [];
  let open = true;
  const take = (due: readonly Waiting[]) => {
    open = false;
    // the next frame's turn is booked first, so a publish that throws cannot close the gate for good
    frames(nextTurn);
    let failure: unknown;
    for (const entry of due) {
      try {
        entry.publish();
      } catch (error) {
        failure ??= error;
      }
    }
    if (failure !== undefined) throw failure;
  };
  function nextTurn() {
    const at = now();
    const due = queue.filter((entry, i) => i === 0 || at - entry.since >= MAX_TURN_WAIT_MS);
    if (due.length === 0) {
      open = true;
      return;
    }
    queue = queue.filter((entry) => !due.includes(entry));
    take(due);
  }
  return {
    enter(publish) {
      const entry = { publish, since: now() };
      if (open) {
        take([entry]);
        return () => undefined;
      }
      queue.push(entry);
      return () => {
        queue = queue.filter((waiting) => waiting !== entry);
      };
    },
  };
}

let shared: PublishGate | undefined;

/**
 * The page's one gate, in a browser (a server render or a node test has no frames to spread over: its stores
 * publish as soon as their interval allows). Its frames do not feed the page's publish pace: a turn is asked
 * for right after a publish, so its wait measures that publish's render, which the pace must not count twice.
 */
export function pagePublishGate(): PublishGate | undefined {
  if (typeof requestAnimationFrame !== 'function') return undefined;
  shared ??= publishGate(animationFrames(systemClock, new PublishPace()));
  return shared;
}

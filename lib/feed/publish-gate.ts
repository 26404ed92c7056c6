import { systemClock } from './clock';
import { animationFrames, type FrameScheduler } from './frames';
import { PublishPace } from './publish-pace';

/**
 * Spreads the page's store publishes over animation frames: at most one store publishes per frame, the
 * others wait their turn in order. One trade reaches the trades tape, the candle chart and the ticker at
 * the same moment; published together, their renders (a tape row inserted, the chart redrawn, the ticker
 * laid out) landed in one frame, and with the CPU throttled 4× that frame ran past 50 ms (render bench
 * trace). One store a frame keeps each of those frames to one of them. A turn costs a frame or two of
 * delay (a hidden tab's frame is stood in for by a 50 ms timer, frames.ts).
 */
export interface PublishGate {
  /** Runs `publish` now if no store published since the last frame, else at its turn; returns the withdrawal. */
  enter(publish: () => void): () => void;
}

export function publishGate(frames: FrameScheduler): PublishGate {
  const queue: { publish: () => void }[] = [];
  let open = true;
  const take = (entry: { publish: () => void }) => {
    open = false;
    // the next frame's turn is booked first, so a publish that throws cannot close the gate for good
    frames(nextTurn);
    entry.publish();
  };
  function nextTurn() {
    const entry = queue.shift();
    if (entry) take(entry);
    else open = true;
  }
  return {
    enter(publish) {
      const entry = { publish };
      if (open) {
        take(entry);
        return () => undefined;
      }
      queue.push(entry);
      return () => {
        const at = queue.indexOf(entry);
        if (at >= 0) queue.splice(at, 1);
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

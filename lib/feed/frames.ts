import { systemClock, type Clock } from './clock';
import { pagePace, type PublishPace } from './publish-pace';

/** Runs `run` once at the next frame; returns the undo. Injected so tests can step frames by hand. */
export type FrameScheduler = (run: () => void) => () => void;

/**
 * A hidden tab gets no animation frames: work waiting for one also runs after this long (browsers clamp
 * a hidden tab's timers to about a second, so it still runs rarely and in one batch).
 */
export const FRAME_FALLBACK_MS = 50;

/**
 * The browser's next animation frame, or a `FRAME_FALLBACK_MS` timer when that comes first (hidden tab,
 * or a main thread too busy to render) or there is no requestAnimationFrame (server, node tests without a
 * scheduler of their own). In a browser, how long each frame took to come is told to `pace`, which slows
 * the stores' publishing while frames come late (publish-pace.ts).
 */
export function animationFrames(clock: Clock = systemClock, pace: PublishPace = pagePace): FrameScheduler {
  return (run) => {
    let done = false;
    let frame: number | undefined;
    const asked = clock.now();
    const finish = () => {
      done = true;
      clock.clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    const once = () => {
      if (done) return;
      if (frame !== undefined) pace.frameCame(clock.now() - asked);
      finish();
      run();
    };
    const timer = clock.setTimeout(once, FRAME_FALLBACK_MS);
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(once);
    return finish;
  };
}

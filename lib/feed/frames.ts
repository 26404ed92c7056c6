import { systemClock, type Clock } from './clock';

/** Runs `run` once at the next frame; returns the undo. Injected so tests can step frames by hand. */
export type FrameScheduler = (run: () => void) => () => void;

/**
 * A hidden tab gets no animation frames: work waiting for one also runs after this long (browsers clamp
 * a hidden tab's timers to about a second, so it still runs rarely and in one batch).
 */
export const FRAME_FALLBACK_MS = 50;

/**
 * The browser's next animation frame, or a `FRAME_FALLBACK_MS` timer when that comes first (hidden tab)
 * or there is no requestAnimationFrame (server, node tests without a scheduler of their own).
 */
export function animationFrames(clock: Clock = systemClock): FrameScheduler {
  return (run) => {
    let done = false;
    let frame: number | undefined;
    const finish = () => {
      done = true;
      clock.clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
    const once = () => {
      if (done) return;
      finish();
      run();
    };
    const timer = clock.setTimeout(once, FRAME_FALLBACK_MS);
    if (typeof requestAnimationFrame === 'function') frame = requestAnimationFrame(once);
    return finish;
  };
}

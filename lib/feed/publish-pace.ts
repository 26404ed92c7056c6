/**
 * How often live stores publish, paced by how late the page's animation frames come.
 *
 * Each publish costs the page a React commit and a layout and paint of what changed; at ten a second on a
 * slow machine (the render bench throttles Chromium's CPU 4×) that alone fills much of the main thread, so
 * frames come late and the screen stutters. A frame that comes late is the signal: the publish interval
 * stretches with the frames' lateness (twice as late, half as many publishes, up to `MAX_FACTOR`) and
 * returns to the base interval as soon as frames are prompt again. A page that keeps up never sees it.
 */

/** The lateness of a prompt frame: one display frame at 60 Hz (a request waits at most this long). */
export const PROMPT_FRAME_MS = 1000 / 60;
/** The longest stretch: a 100 ms interval becomes at most 400 ms (still 2.5 pictures a second). */
export const MAX_FACTOR = 4;
/** Weight of the newest lateness in the running average: a few late frames move it, one does not. */
const WEIGHT = 0.2;

export class PublishPace {
  private lateness = 0;

  /** An animation frame came `ms` after it was asked for. */
  frameCame(ms: number): void {
    this.lateness += WEIGHT * (Math.max(0, ms) - this.lateness);
  }

  /** The publish interval for a store whose interval on a page that keeps up is `baseMs`. */
  interval(baseMs: number): number {
    return baseMs * this.factor();
  }

  /** 1 while frames come within a display frame, growing with their average lateness beyond it. */
  factor(): number {
    return Math.min(MAX_FACTOR, Math.max(1, this.lateness / PROMPT_FRAME_MS));
  }
}

/** The page's pace: one main thread, so one measure of how late its frames come. */
export const pagePace = new PublishPace();

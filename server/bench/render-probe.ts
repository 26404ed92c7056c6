import type { Page } from '@playwright/test';

/** What one measurement window saw in the page. */
export interface FrameSample {
  /** requestAnimationFrame callbacks per second */
  fps: number;
  /** main-thread tasks over 50 ms (PerformanceObserver 'longtask') */
  longTasks: number;
  /** the longest gap between two animation frames, ms */
  maxFrameGapMs: number;
  /** book update frames the page received per second over its feed socket meanwhile */
  bookFramesPerS: number;
}

/**
 * Counts the feed's book update frames arriving on the page's WebSockets; attach before the page loads.
 * `take()` returns the count since the previous call.
 */
export function countBookFrames(page: Page): { take(): number } {
  let count = 0;
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('latin1');
      if (text.includes('"channel":"book"') && text.includes('"type":"update"')) count++;
    });
  });
  return {
    take() {
      const taken = count;
      count = 0;
      return taken;
    },
  };
}

/**
 * Counts animation frames and long tasks in the page for `ms`. Sent as source text: tsx's transform
 * would otherwise inject helpers the page does not have.
 */
export async function sampleFrames(page: Page, frames: { take(): number }, ms: number): Promise<FrameSample> {
  frames.take();
  const started = Date.now();
  const measured = (await page.evaluate(`(async (ms) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    let frames = 0;
    let maxGap = 0;
    const start = performance.now();
    let last = start;
    await new Promise((done) => {
      const tick = (now) => {
        frames++;
        maxGap = Math.max(maxGap, now - last);
        last = now;
        if (performance.now() - start < ms) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    observer.disconnect();
    return {
      fps: (frames * 1000) / (performance.now() - start),
      longTasks: longTasks.filter((d) => d > 50).length,
      maxFrameGapMs: maxGap,
    };
  })(${ms})`)) as Omit<FrameSample, 'bookFramesPerS'>;
  const bookFramesPerS = (frames.take() * 1000) / (Date.now() - started);
  return { ...measured, bookFramesPerS };
}

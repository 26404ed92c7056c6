import type { Page } from '@playwright/test';
import { splitFrames } from '../../lib/protocol-basics';

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
  /** WebSocket messages (each one or more coalesced frames) the page received per second meanwhile */
  messagesPerS: number;
}

/** Book update frames and the WebSocket messages that carried them, since the previous `take()`. */
export interface FeedCount {
  bookFrames: number;
  messages: number;
}

/**
 * Counts the feed's book update frames arriving on the page's WebSockets, inside each message (the hub
 * coalesces a busy connection's frames), and the messages; attach before the page loads. `take()`
 * returns the counts since the previous call.
 */
export function countBookFrames(page: Page): { take(): FeedCount } {
  let counted: FeedCount = { bookFrames: 0, messages: 0 };
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      const text = typeof payload === 'string' ? payload : payload.toString('latin1');
      counted.messages++;
      for (const frame of splitFrames(text)) {
        if (frame.includes('"channel":"book"') && frame.includes('"type":"update"')) counted.bookFrames++;
      }
    });
  });
  return {
    take() {
      const taken = counted;
      counted = { bookFrames: 0, messages: 0 };
      return taken;
    },
  };
}

/**
 * Counts animation frames and long tasks in the page for `ms`. Sent as source text: tsx's transform
 * would otherwise inject helpers the page does not have.
 */
export async function sampleFrames(page: Page, frames: { take(): FeedCount }, ms: number): Promise<FrameSample> {
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
  })(${ms})`)) as Omit<FrameSample, 'bookFramesPerS' | 'messagesPerS'>;
  const seconds = (Date.now() - started) / 1000;
  const feed = frames.take();
  return { ...measured, bookFramesPerS: feed.bookFrames / seconds, messagesPerS: feed.messages / seconds };
}

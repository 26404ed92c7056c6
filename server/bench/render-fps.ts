import type { Browser } from '@playwright/test';
import { signIn } from './browser';

/**
 * Frames per second on the trade page while the exchange pushes `updatesPerSecond` book updates for
 * BTC/USD, measured in Chromium with requestAnimationFrame, plus long tasks (> 50 ms) seen meanwhile.
 */
export async function benchRenderFps(
  browser: Browser,
  desk: { origin: string; controlUrl: string },
  options: { updatesPerSecond?: number; seconds?: number } = {},
) {
  const rate = options.updatesPerSecond ?? 500;
  const seconds = options.seconds ?? 5;
  const control = (path: string, body: unknown) =>
    fetch(`${desk.controlUrl}/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const state = (await (await fetch(`${desk.controlUrl}/state`)).json()) as { pairs: { symbol: string; bookRate: number }[] };
  const previousRate = state.pairs.find((p) => p.symbol === 'BTC/USD')?.bookRate ?? 6;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await signIn(page, desk.origin, 'trader');
    await page.goto(`${desk.origin}/trade/BTC-USD`);
    await page.getByRole('region', { name: 'Order book' }).waitFor();
    const res = await control('book/rate', { symbol: 'BTC/USD', updatesPerSecond: rate });
    if (!res.ok) throw new Error(`could not set the book rate: ${await res.text()}`);
    await page.waitForTimeout(1000);
    // Sent as source text: tsx's transform would otherwise inject helpers the page does not have.
    const measured = (await page.evaluate(`(async (ms) => {
      const longTasks = [];
      const observer = new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) longTasks.push(entry.duration);
      });
      observer.observe({ type: 'longtask', buffered: false });
      let frames = 0;
      const start = performance.now();
      await new Promise((done) => {
        const tick = () => {
          frames++;
          if (performance.now() - start < ms) requestAnimationFrame(tick);
          else done();
        };
        requestAnimationFrame(tick);
      });
      observer.disconnect();
      return { fps: (frames * 1000) / (performance.now() - start), longTasks: longTasks.filter((d) => d > 50).length };
    })(${seconds * 1000})`)) as { fps: number; longTasks: number };
    return { render_fps: Math.round(measured.fps * 10) / 10, render_fps_ratio: measured.fps / 60, long_tasks_over_50ms: measured.longTasks, book_updates_per_s: rate };
  } finally {
    await control('book/rate', { symbol: 'BTC/USD', updatesPerSecond: previousRate }).catch(() => undefined);
    await context.close();
  }
}

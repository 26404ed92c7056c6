import type { Browser, CDPSession, Page } from '@playwright/test';
import { join } from 'node:path';
import { benchContext, signInPage } from './browser';
import { countBookFrames, sampleFrames, type FeedCount, type FrameSample } from './render-probe';
import { median, spread } from './stats';

/** One render measurement: the trade page under `updatesPerSecond` book updates, CPU slowed `cpuThrottle`×. */
export interface RenderScenario {
  /** appended to every figure name: render_fps_ratio{suffix}, long_tasks_over_50ms{suffix} */
  suffix: string;
  updatesPerSecond: number;
  cpuThrottle: number;
}

export const RENDER_SCENARIOS: readonly RenderScenario[] = [
  { suffix: '', updatesPerSecond: 500, cpuThrottle: 1 },
  { suffix: '_2000', updatesPerSecond: 2000, cpuThrottle: 1 },
  { suffix: '_cpu4x', updatesPerSecond: 500, cpuThrottle: 4 },
];

/** One round of one scenario: the page with the book at its quiet rate (baseline), then under load. */
export interface RenderRound {
  baseline: FrameSample;
  loaded: FrameSample;
}

/**
 * Figures of one scenario over its rounds. The ratio is loaded fps ÷ baseline fps of the same round
 * (same page, same CPU throttle, book at its usual quiet rate), so a busy machine slows both sides;
 * the long-task count is the worst round's.
 */
export function renderFigures(scenario: RenderScenario, rounds: readonly RenderRound[]): Record<string, number> {
  const s = scenario.suffix;
  const ratio = spread(rounds.map((r) => r.loaded.fps / r.baseline.fps));
  return {
    [`book_updates_per_s${s}`]: scenario.updatesPerSecond,
    [`cpu_throttle${s}`]: scenario.cpuThrottle,
    [`book_frames_received_per_s${s}`]: Math.round(median(rounds.map((r) => r.loaded.bookFramesPerS))),
    [`feed_messages_received_per_s${s}`]: Math.round(median(rounds.map((r) => r.loaded.messagesPerS))),
    [`render_baseline_fps${s}`]: Math.round(median(rounds.map((r) => r.baseline.fps)) * 10) / 10,
    [`render_fps${s}`]: Math.round(median(rounds.map((r) => r.loaded.fps)) * 10) / 10,
    [`render_fps_ratio${s}`]: ratio.median,
    [`render_fps_ratio${s}_min`]: ratio.min,
    [`render_fps_ratio${s}_max`]: ratio.max,
    [`max_frame_gap_ms${s}`]: Math.round(Math.max(...rounds.map((r) => r.loaded.maxFrameGapMs))),
    [`long_tasks_over_50ms${s}`]: Math.max(...rounds.map((r) => r.loaded.longTasks)),
    [`baseline_long_tasks_over_50ms${s}`]: Math.max(...rounds.map((r) => r.baseline.longTasks)),
  };
}

interface Desk {
  origin: string;
  controlUrl: string;
}

/**
 * Every scenario, `rounds` times each (interleaved, so machine load drifts over all of them alike), on one
 * signed-in trade page for BTC/USD. BENCH_TRACE_DIR=folder also records a Chromium performance trace of
 * each loaded window there (open in chrome://tracing or DevTools' Performance panel).
 */
export async function benchRenderFps(browser: Browser, desk: Desk, options: { rounds?: number; seconds?: number } = {}) {
  const rounds = options.rounds ?? Number(process.env.BENCH_ROUNDS ?? 2);
  const ms = (options.seconds ?? 5) * 1000;
  const quietRate = await bookRate(desk);
  const context = await benchContext(browser, { viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const frames = countBookFrames(page);
  const results = new Map<RenderScenario, RenderRound[]>(RENDER_SCENARIOS.map((s) => [s, []]));
  try {
    await signInPage(page, desk.origin, 'trader');
    await page.goto(`${desk.origin}/trade/BTC-USD`);
    await page.getByRole('region', { name: 'Order book' }).waitFor();
    const cdp = await context.newCDPSession(page);
    for (let round = 1; round <= rounds; round++) {
      for (const scenario of RENDER_SCENARIOS) {
        const result = await measureScenario({ browser, page, cdp, desk, quietRate, frames, ms }, scenario, round);
        results.get(scenario)!.push(result);
        process.stderr.write(
          `render${scenario.suffix || '_500'} round ${round}: ${result.loaded.fps.toFixed(1)} fps ÷ ${result.baseline.fps.toFixed(1)}, ` +
            `${result.loaded.longTasks} long tasks, ${Math.round(result.loaded.bookFramesPerS)} book frames/s ` +
            `in ${Math.round(result.loaded.messagesPerS)} messages/s\n`,
        );
      }
    }
  } finally {
    await setBookRate(desk, quietRate).catch(() => undefined);
    await context.close();
  }
  return Object.assign({}, ...RENDER_SCENARIOS.map((s) => renderFigures(s, results.get(s)!))) as Record<string, number>;
}

interface Session {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  desk: Desk;
  quietRate: number;
  frames: { take(): FeedCount };
  ms: number;
}

async function measureScenario(session: Session, scenario: RenderScenario, round: number): Promise<RenderRound> {
  const { browser, page, cdp, desk, quietRate, frames, ms } = session;
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.cpuThrottle });
  try {
    await setBookRate(desk, quietRate);
    await page.waitForTimeout(1000);
    const baseline = await sampleFrames(page, frames, ms);
    await setBookRate(desk, scenario.updatesPerSecond);
    await page.waitForTimeout(1000);
    const traceDir = process.env.BENCH_TRACE_DIR;
    if (traceDir) await browser.startTracing(page, { path: join(traceDir, `render${scenario.suffix || '_500'}-round${round}.json`), screenshots: false });
    try {
      return { baseline, loaded: await sampleFrames(page, frames, ms) };
    } finally {
      if (traceDir) await browser.stopTracing();
    }
  } finally {
    await setBookRate(desk, quietRate);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  }
}

async function bookRate(desk: Desk): Promise<number> {
  const state = (await (await fetch(`${desk.controlUrl}/state`)).json()) as { pairs: { symbol: string; bookRate: number }[] };
  return state.pairs.find((p) => p.symbol === 'BTC/USD')?.bookRate ?? 6;
}

async function setBookRate(desk: Desk, updatesPerSecond: number): Promise<void> {
  const res = await fetch(`${desk.controlUrl}/book/rate`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ symbol: 'BTC/USD', updatesPerSecond }),
  });
  if (!res.ok) throw new Error(`could not set the book rate: ${await res.text()}`);
}

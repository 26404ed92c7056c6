/**
 * `npm run bench`: every benchmark measured against a baseline taken in the same run, printed as a table
 * and then as one final JSON line of the headline ratios. Not a test: nothing here asserts timings.
 */
import { benchBookApply } from './book-apply';
import { launchBrowser } from './browser';
import { startDemoDesk } from './desk-process';
import { benchFirstLoadJs } from './first-load-js';
import { benchRenderFps } from './render-fps';

type Figures = Record<string, number>;
const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);
const figures: Figures = {};

async function step(name: string, run: () => Promise<Figures>): Promise<void> {
  if (!wanted(name)) return;
  const started = Date.now();
  process.stderr.write(`bench ${name}…\n`);
  try {
    Object.assign(figures, await run());
  } catch (error) {
    console.error(`bench ${name} failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
  process.stderr.write(`bench ${name} took ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

await step('book', () => benchBookApply());
await step('fanout', async () => {
  const { benchFanout } = await import('./fanout');
  return benchFanout();
});
await step('sse', async () => {
  const { benchSseRatio } = await import('./sse-ratio');
  return benchSseRatio();
});
await step('exchange-orders', async () => {
  const { benchExchangeOrders } = await import('./exchange-orders');
  return benchExchangeOrders();
});
await step('order-path', async () => {
  const { benchOrderPath } = await import('./order-path');
  return benchOrderPath();
});
if (wanted('first-load') || wanted('render')) {
  // BENCH_PORT / BENCH_BARE_PORT pin the ports; by default the OS hands out free ones
  const port = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  const desk = await startDemoDesk(port('BENCH_PORT'));
  const browser = await launchBrowser();
  try {
    await step('first-load', () => benchFirstLoadJs(browser, desk, port('BENCH_BARE_PORT')));
    await step('render', () => benchRenderFps(browser, desk));
  } finally {
    await browser.close();
    await desk.stop();
  }
}

const HEADLINE = [
  'fanout_throughput_ratio',
  'fanout_p99_latency_ratio',
  'slow_consumer_ratio',
  'sse_throughput_ratio',
  'order_path_ratio',
  'order_path_ratio_postgres',
  'order_path_ratio_paced',
  'order_path_ratio_paced_postgres',
  'book_apply_ratio',
  'first_load_js_ratio',
  'render_fps_ratio',
  'long_tasks_over_50ms',
  'render_fps_ratio_2000',
  'long_tasks_over_50ms_2000',
  'render_fps_ratio_cpu4x',
  'long_tasks_over_50ms_cpu4x',
];
const round = (v: number) => (Number.isInteger(v) ? v : Math.round(v * 1000) / 1000);
console.log('\n| figure | value |\n|---|---|');
for (const [key, value] of Object.entries(figures)) console.log(`| ${key} | ${round(value)} |`);
const headline = Object.fromEntries(HEADLINE.filter((k) => k in figures).map((k) => [k, round(figures[k]!)]));
console.log(JSON.stringify(headline));

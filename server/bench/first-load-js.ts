import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser, Page, Request, Response } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchContext, signInPage } from './browser';
import { freePort } from '../multi/instances';
import { waitUntilReady } from './readiness';

const root = resolve(import.meta.dirname, '..', '..');
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

interface PageJs {
  /** gzip bytes of the scripts the server-rendered HTML names: Next's "First Load JS" */
  firstLoad: number;
  /** gzip bytes of every script fetched until the network is idle, lazily loaded chunks included */
  atIdle: number;
}

/** Script sizes (gzip) of a first visit with an empty cache, split the way Next defines First Load JS. */
async function pageJs(browser: Browser, url: string, login?: { origin: string; username: string }): Promise<PageJs> {
  const context = await benchContext(browser);
  const page = await context.newPage();
  if (login) await signInPage(page, login.origin, login.username);
  // A fresh page in the same context has the session cookie but an empty in-memory script cache.
  const fresh = await context.newPage();
  const sizes: Promise<{ url: string; bytes: number }>[] = [];
  fresh.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    sizes.push(response.body().then((b) => ({ url: response.url(), bytes: gzipSync(b).length }), () => ({ url: response.url(), bytes: 0 })));
  });
  const document = await gotoUntilScriptsSettle(fresh, url);
  const html = (await document?.text()) ?? '';
  const named = new Set([...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => new URL(m[1]!.replaceAll('&amp;', '&'), url).href));
  const scripts = await Promise.all(sizes);
  await context.close();
  const sum = (list: { bytes: number }[]) => list.reduce((a, b) => a + b.bytes, 0);
  return { firstLoad: sum(scripts.filter((s) => named.has(s.url))), atIdle: sum(scripts) };
}

/**
 * Loads `url` and waits until its scripts settle: the load event (every script the HTML names), the main
 * thread idle once (hydration has started the lazy imports), then no script in flight for 3 s. Not
 * 'networkidle': the trade page keeps its feed and polls open, so the network is never idle for long.
 */
async function gotoUntilScriptsSettle(page: Page, url: string): Promise<Response | null> {
  let inFlight = 0;
  let lastActivity = Date.now();
  const track = (change: number) => (request: Request) => {
    if (request.resourceType() !== 'script') return;
    inFlight += change;
    lastActivity = Date.now();
  };
  page.on('request', track(1));
  page.on('requestfinished', track(-1));
  page.on('requestfailed', track(-1));
  const document = await page.goto(url, { waitUntil: 'load' });
  await page.evaluate('new Promise((done) => requestIdleCallback(() => done(), { timeout: 30000 }))');
  const deadline = Date.now() + 120_000;
  while (inFlight > 0 || Date.now() - lastActivity < 3000) {
    if (Date.now() > deadline) throw new Error(`scripts of ${url} still loading after 120 s (${inFlight} in flight)`);
    await sleep(200);
  }
  return document;
}

/** Builds and serves a bare Next app (same Next version, one static page) in a temp folder. */
async function withBareNextApp<T>(port: number | undefined, run: (origin: string) => Promise<T>): Promise<T> {
  // Inside the project (data/ is git-ignored) so Turbopack resolves `next` from the project's node_modules.
  mkdirSync(join(root, 'data'), { recursive: true });
  const dir = mkdtempSync(join(root, 'data', 'bench-bare-next-'));
  try {
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true, type: 'module' }));
    writeFileSync(join(dir, 'next.config.js'), `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`);
    writeFileSync(join(dir, 'app', 'layout.js'), 'export default function L({children}){return <html lang="en"><body>{children}</body></html>}\n');
    writeFileSync(join(dir, 'app', 'page.js'), 'export default function P(){return <main>bare</main>}\n');
    // its own (empty) hook, else Next picks up the desk's instrumentation.ts above it and every request fails
    writeFileSync(join(dir, 'instrumentation.js'), 'export function register() {}\n');
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: dir, env, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`bare next build failed:\n${build.stdout}\n${build.stderr}`);
    const listenPort = port ?? (await freePort());
    const server = spawn(process.execPath, [nextBin, 'start', '-p', String(listenPort), '-H', '127.0.0.1'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      const origin = `http://127.0.0.1:${listenPort}`;
      await waitUntilReady({ url: origin, what: 'the bare Next app', child: server, timeoutMs: Number(process.env.BENCH_START_SECONDS ?? 600) * 1000 });
      return await run(origin);
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * first_load_js_ratio uses Next's definition (the scripts the page's HTML loads). The chart library is
 * imported after the page is up, so the same ratio at network idle is printed too, for the whole cost.
 */
export async function benchFirstLoadJs(browser: Browser, desk: { origin: string }, barePort?: number) {
  const trade = await pageJs(browser, `${desk.origin}/trade/BTC-USD`, { origin: desk.origin, username: 'trader' });
  const bare = await withBareNextApp(barePort, (origin) => pageJs(browser, origin));
  const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
  return {
    trade_page_first_load_js_kb: kb(trade.firstLoad),
    trade_page_js_at_idle_kb: kb(trade.atIdle),
    bare_next_first_load_js_kb: kb(bare.firstLoad),
    bare_next_js_at_idle_kb: kb(bare.atIdle),
    first_load_js_ratio: trade.firstLoad / bare.firstLoad,
    js_at_idle_ratio: trade.atIdle / bare.atIdle,
  };
}

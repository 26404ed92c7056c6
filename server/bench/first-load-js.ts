import { gzipSync } from 'node:zlib';
import type { Browser, Page, Request, Response } from '@playwright/test';
import { setTimeout as sleep } from 'node:timers/promises';
import { benchContext, signInPage } from './browser';
import { withBareNextApp } from './bare-next';

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

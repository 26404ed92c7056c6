import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, BrowserContextOptions } from '@playwright/test';
import { startExchange, type RunningExchange } from '../server/simulator/exchange';
import { expect, test, type Page } from './support/fixtures';
import { LoginPage, toast } from './support/pages';
import { OrdersPage, TradePage } from './support/trade-pages';

/**
 * `npm run paper` as a user starts it (server/paper.ts: the built-in exchange in mirror mode, the desk in paper
 * mode), with a second built-in exchange standing in for Kraken as the market source. The source's synthetic
 * flow is frozen, so its book and prints are exactly what the test scripts through /control.
 *
 * The suite's per-role fixtures hold sign-ins to the run's demo desk (the project's baseURL); this spec's desk is
 * its own `npm run paper` start on other ports, with its own database, so its members sign in through the form
 * (the first sign-in of a fresh desk is part of what a paper start must offer). Its contexts come from the
 * fixtures' `newContext`, so the loopback guard fails a test whose pages reach for any host but this machine.
 */

let source: RunningExchange;
let paper: ChildProcess;
let deskUrl: string;
let paperExchangeUrl: string;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function sourceControl(path: string, body: unknown): Promise<void> {
  const res = await fetch(`${source.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path} → ${res.status} ${await res.text()}`);
}

async function waitForHealth(url: string): Promise<void> {
  const end = Date.now() + 200_000;
  while (Date.now() < end) {
    if (paper.exitCode !== null) throw new Error(`npm run paper exited with ${paper.exitCode}`);
    if (await fetch(url).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the paper desk did not start at ${url}`);
}

test.describe.configure({ mode: 'serial' });

test.describe('paper trading on a mirrored market', () => {
  test.beforeAll(async () => {
    test.setTimeout(240_000);
    source = await startExchange({ seed: 31 });
    await sourceControl('/market/pause', { paused: true });
    const [port, exchangePort] = [await freePort(), await freePort()];
    deskUrl = `http://127.0.0.1:${port}`;
    paperExchangeUrl = `http://127.0.0.1:${exchangePort}`;
    const env: NodeJS.ProcessEnv = { ...process.env };
    // paper mode refuses to start beside a real key; the runner's environment must not leak one in
    delete env.KRAKEN_API_KEY;
    delete env.KRAKEN_API_SECRET;
    paper = spawn(process.execPath, ['--import', 'tsx', 'server/paper.ts'], {
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...env,
        PORT: String(port),
        EXCHANGE_PORT: String(exchangePort),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'kraken-desk-paper-e2e-')),
        DEMO_SKIP_BUILD: '1',
        EXCHANGE_MARKET_URL: source.restUrl,
        EXCHANGE_MARKET_WS_URL: source.wsUrl,
        EXCHANGE_MARKET_PAIRS: 'BTC/USD,ETH/USD',
        EXCHANGE_PAPER_BALANCES: 'USD=100000,BTC=1',
      },
    });
    await waitForHealth(`${deskUrl}/api/health`);
  });

  test.afterAll(async () => {
    if (paper && paper.exitCode === null) {
      const exited = new Promise((r) => paper.once('exit', r));
      paper.kill('SIGTERM');
      await exited;
    }
    await source?.close();
  });

  /** What the paper exchange's mirrored book shows at a bid price (so the test knows the print arrived). */
  async function paperBidAt(price: string): Promise<number> {
    const res = (await (await fetch(`${paperExchangeUrl}/0/public/Depth?pair=XBTUSD&count=50`)).json()) as { result: { XXBTZUSD: { bids: string[][] } } };
    return Number(res.result.XXBTZUSD.bids.find((l) => Number(l[0]) === Number(price))?.[1] ?? 0);
  }

  const banner = (page: Page) => page.getByRole('note', { name: 'Paper trading' });

  /** A page of this spec's paper desk, signed in through its login form as `username`. */
  async function signedIn(newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>, username: 'admin' | 'trader'): Promise<Page> {
    const page = await (await newContext({ baseURL: deskUrl })).newPage();
    await new LoginPage(page).signIn(username);
    return page;
  }

  test('the PAPER banner shows on every page: sign-in, desk pages, admin pages and error pages', async ({ newContext }) => {
    // a tour of eleven pages: on a loaded machine each can take seconds
    test.slow();
    const page = await (await newContext({ baseURL: deskUrl })).newPage();
    await page.goto('/login');
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText('PAPER');
    await new LoginPage(page).signIn('admin');
    for (const path of ['/markets', '/trade/BTC-USD', '/orders', '/balances', '/account/security', '/admin', '/admin/key', '/admin/paper', '/no-such-page', '/trade/NOPE-USD']) {
      await page.goto(path);
      await expect(banner(page), path).toBeVisible();
      if (path === '/admin/paper') await expect(page.getByText('mirror of')).toBeVisible();
    }
  });

  test('a trader\'s limit buy at the bid fills partially as the source prints at its price', async ({ newContext }) => {
    test.slow();
    const book = (await (await fetch(`${source.restUrl}/0/public/Depth?pair=XBTUSD&count=1`)).json()) as { result: { XXBTZUSD: { bids: string[][] } } };
    const price = Number(book.result.XXBTZUSD.bids[0]![0]).toFixed(1);
    await sourceControl('/book/level', { symbol: 'BTC/USD', side: 'bids', price, qty: '0.05' });

    const page = await signedIn(newContext, 'trader');
    const trade = new TradePage(page);
    await trade.open('BTC-USD');
    await trade.ticket.order({ side: 'Buy', type: 'Limit', price, size: '0.02' });
    await expect(toast(page, 'order placed')).toBeVisible();

    const orders = new OrdersPage(page);
    await orders.open();
    const row = await orders.rowOf('trader', 'BTC/USD');
    const filled = row.locator('td').nth(6);
    await expect(filled).toHaveText(/^0(\.0*)?$/);

    // 0.04 of the 0.05 ahead trades: the order still waits behind 0.01
    await sourceControl('/trade', { symbol: 'BTC/USD', price, qty: '0.04', side: 'sell' });
    await expect.poll(() => paperBidAt(price)).toBe(0.01);
    await expect(filled).toHaveText(/^0(\.0*)?$/);
    // 0.02 more: 0.01 consumes the rest of the queue, 0.01 reaches the order
    await sourceControl('/trade', { symbol: 'BTC/USD', price, qty: '0.02', side: 'sell' });
    await expect(filled).toHaveText(/^0\.010*$/);
    await expect(row).toHaveCount(1);
  });

  test('an admin resets the paper account from /admin/paper: the open order is cancelled on the trader\'s open page, audited', async ({ newContext }) => {
    const trader = await signedIn(newContext, 'trader');
    const orders = new OrdersPage(trader);
    await orders.open();
    // the partly filled buy of the test before is still open
    const open = orders.rows().filter({ hasText: 'BTC/USD' });
    await expect(open).toHaveCount(1);

    const admin = await signedIn(newContext, 'admin');
    await admin.goto('/admin/paper');
    await admin.getByRole('button', { name: 'Reset paper account' }).click();
    await admin.getByRole('dialog').getByRole('button', { name: 'Cancel all paper orders and reset balances' }).click();
    await expect(toast(admin, /Paper account reset: 1 open order\(s\) cancelled; balances .*USD 100000\.0000/)).toBeVisible();
    // the trader's page hears of it through the desk's feed, without a reload
    await expect(open).toHaveCount(0);
    const audit = await admin.request.get('/api/audit?format=json&limit=20');
    expect(audit.ok()).toBe(true);
    expect(await audit.text()).toContain('paper.reset');
  });
});

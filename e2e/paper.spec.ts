import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startExchange, type RunningExchange } from '../server/simulator/exchange';
import { signIn } from './support/desk';

/**
 * `npm run paper` as a user starts it (server/paper.ts: the built-in exchange in mirror mode, the desk in paper
 * mode), with a second built-in exchange standing in for Kraken as the market source. The source's synthetic
 * flow is frozen, so its book and prints are exactly what the test scripts through /control.
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

  test('the PAPER banner shows on every page, sign-in included', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: deskUrl });
    const page = await context.newPage();
    await page.goto('/login');
    await expect(banner(page)).toBeVisible();
    await expect(banner(page)).toContainText('PAPER');
    await signIn(page, 'admin');
    for (const path of ['/markets', '/trade/BTC-USD', '/orders', '/balances', '/admin', '/admin/key', '/admin/paper']) {
      await page.goto(path);
      await expect(banner(page), path).toBeVisible();
    }
    await expect(page.getByText('mirror of')).toBeVisible();
    await context.close();
  });

  test('a trader\'s limit buy at the bid fills partially as the source prints at its price', async ({ browser }) => {
    test.slow();
    const book = (await (await fetch(`${source.restUrl}/0/public/Depth?pair=XBTUSD&count=1`)).json()) as { result: { XXBTZUSD: { bids: string[][] } } };
    const price = Number(book.result.XXBTZUSD.bids[0]![0]).toFixed(1);
    await sourceControl('/book/level', { symbol: 'BTC/USD', side: 'bids', price, qty: '0.05' });

    const context = await browser.newContext({ baseURL: deskUrl });
    const page = await context.newPage();
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByRole('button', { name: 'Buy', exact: true }).click();
    await ticket.getByLabel('Order type').selectOption({ label: 'Limit' });
    await ticket.getByLabel('Limit price').fill(price);
    await ticket.getByRole('textbox', { name: /^Size/ }).fill('0.02');
    await ticket.getByRole('button', { name: 'Buy BTC' }).click();
    await expect(page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: 'order placed' })).toBeVisible();

    await page.goto('/orders');
    const row = page.getByRole('region', { name: /Open orders/ }).locator('tbody tr').filter({ hasText: 'trader' }).filter({ hasText: 'BTC/USD' });
    await expect(row).toHaveCount(1);
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
    await context.close();
  });
});

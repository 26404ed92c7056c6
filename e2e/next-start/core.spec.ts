import { expect, test, type Browser, type Page } from '@playwright/test';
import { exchangeControl, signIn } from '../support/desk';

/**
 * Issue 11 §3: the whole desk under `next start` with no custom server (e2e/support/next-start-desk.ts:
 * PostgreSQL, the built-in exchange, SSE streams ending every 3 s). Nothing here tells the tab to use SSE:
 * its feed client tries `/ws`, which `next start` cannot upgrade, and falls back to `/api/feed` by itself.
 */

const control = (path: string, body?: unknown) => exchangeControl(path, body, process.env.E2E_NEXT_CONTROL_URL);
const toast = (page: Page, text: string | RegExp) => page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });
const feedStatus = (page: Page) => page.getByRole('status').filter({ hasText: /^(Connecting|Live|Stale|Resyncing|Offline)$/ });

async function as(browser: Browser, role: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, role);
  return page;
}

/** A whole-dollar price 10 % under BTC's last price on the trade page: rests on the book, never fills. */
async function restingBuyPrice(page: Page): Promise<string> {
  const last = page.getByTestId('last-price');
  await expect(last).toHaveText(/\d/);
  return String(Math.floor(Number((await last.textContent())!.replace(/[^\d.]/g, '')) * 0.9));
}

function ticketOf(page: Page) {
  const region = page.getByRole('region', { name: 'Order ticket' });
  return {
    region,
    async limitBuy(price: string, size: string) {
      await region.getByRole('button', { name: 'Buy', exact: true }).click();
      await region.getByLabel('Order type').selectOption({ label: 'Limit' });
      await region.getByLabel('Limit price').fill(price);
      await region.getByRole('textbox', { name: /^Size/ }).fill(size);
      await region.getByRole('button', { name: 'Buy BTC' }).click();
    },
  };
}

test.describe('the desk under next start', () => {
  test.describe.configure({ timeout: 90_000 });

  test('sign-in, then markets are live over SSE after the tab finds /ws missing, and follow the exchange', async ({ page }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
    const streams: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'GET' && new URL(req.url()).pathname === '/api/feed') streams.push(req.url());
    });
    await signIn(page, 'viewer');
    // the first tab of a fresh server waits for the hub's first upstream connection too
    await expect(feedStatus(page)).toHaveText('Live', { timeout: 60_000 });
    expect(sockets, 'the tab tried /ws first').toContain('/ws');
    expect(streams.length, 'and fell back to the SSE stream').toBeGreaterThanOrEqual(1);
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(31);
    await control('price', { symbol: 'BTC/USD', price: '150000.0' });
    const btc = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'BTC/USD' }) });
    await expect(btc.getByRole('cell').nth(1)).toHaveText(/^1[45]\d,\d{3}\.\d$/, { timeout: 30_000 });
  });

  test('the trade page shows a live, verified book, trades and candles', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/trade/BTC-USD');
    const book = page.getByRole('region', { name: 'Order book' });
    await expect(feedStatus(page)).toHaveText('Live', { timeout: 20_000 });
    await expect(page.getByTestId('book-checksum')).toHaveText('Checksum verified');
    await expect.poll(() => book.locator('tr[data-side=ask]').count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => book.locator('tr[data-side=bid]').count()).toBeGreaterThanOrEqual(10);
    const before = (await book.locator('tbody').allInnerTexts()).join('\n');
    await expect.poll(async () => (await book.locator('tbody').allInnerTexts()).join('\n'), { timeout: 15_000 }).not.toBe(before);
    const trades = page.getByRole('region', { name: 'Recent trades' }).locator('tbody tr');
    await expect.poll(() => trades.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const chart = page.getByRole('region', { name: 'Price chart' });
    await expect(chart.locator('canvas').first()).toBeVisible();
    await expect(chart.locator('[data-field=close]')).toHaveText(/^\d{1,3}(,\d{3})*\.\d$/, { timeout: 15_000 });
  });

  test('a trader places a resting limit order, sees it in open orders and cancels it', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    const price = await restingBuyPrice(page);
    await ticketOf(page).limitBuy(price, '0.001');
    await expect(toast(page, 'order placed')).toBeVisible();
    await page.goto('/orders');
    const open = page.getByRole('region', { name: /Open orders/ });
    const row = open.locator('tbody tr').filter({ hasText: 'trader' }).filter({ hasText: Number(price).toLocaleString('en-US') });
    await expect(row).toHaveCount(1);
    await row.getByRole('button', { name: /^Cancel / }).click();
    await expect(toast(page, 'Order cancelled')).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  test('an admin freezes the desk, orders are refused, and /admin shows the dead-man switch as this instance keeps it', async ({ page, browser }) => {
    // the refresh loop runs every 20 s, so the first refresh after switching on can take that long
    test.slow();
    const admin = await as(browser, 'admin');
    await admin.goto('/admin');
    await expect(admin.getByTestId('dead-man-state')).toContainText(/Off: no instance refreshes/);
    await admin.getByRole('button', { name: 'Freeze desk' }).click();
    await admin.getByRole('dialog', { name: 'Freeze the desk?' }).getByRole('button', { name: 'Freeze and cancel all orders' }).click();
    await expect(toast(admin, 'Desk frozen')).toBeVisible();
    try {
      await signIn(page, 'trader');
      await page.goto('/trade/BTC-USD');
      await ticketOf(page).limitBuy(await restingBuyPrice(page), '0.001');
      await expect(toast(page, 'order not placed')).toContainText(/frozen/i);
    } finally {
      await admin.goto('/admin');
      await admin.getByRole('button', { name: 'Unfreeze desk' }).click();
      await expect(toast(admin, 'Desk unfrozen')).toBeVisible();
    }
    // switched on, the switch is armed at once by the admin's action and kept armed by this instance's loop
    await admin.getByRole('switch', { name: "Turn dead-man's switch on" }).click();
    await expect(toast(admin, "Dead-man's switch armed")).toBeVisible();
    try {
      await expect.poll(async () => {
        await admin.reload();
        return admin.getByTestId('dead-man-state').textContent();
      }, { timeout: 60_000, intervals: [2_000] }).toMatch(/Last refreshed by this instance \d+ s ago/);
    } finally {
      await admin.getByRole('switch', { name: "Turn dead-man's switch off" }).click();
      await expect(admin.getByRole('switch', { name: "Turn dead-man's switch on" })).toBeVisible();
    }
  });
});

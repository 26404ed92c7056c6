import { exchangeControl } from '../support/desk';
import { expect, test, testAs, type Page } from '../support/fixtures';
import { AdminPage, toast } from '../support/pages';
import { TradePage } from '../support/trade-pages';

/**
 * The whole desk under `next start` with no custom server (e2e/support/next-start-desk.ts:
 * PostgreSQL, the built-in exchange, SSE streams ending every 3 s). Nothing here tells the tab to use SSE:
 * its feed client tries `/ws`, which `next start` cannot upgrade, and falls back to `/api/feed` by itself.
 */

const control = (path: string, body?: unknown) => exchangeControl(path, body, process.env.E2E_NEXT_CONTROL_URL);
const feedStatus = (page: Page) => new TradePage(page).status;

test.describe('the desk under next start', () => {
  test.describe.configure({ timeout: 90_000 });

  test('sign-in, then markets are live over SSE after the tab finds /ws missing, and follow the exchange', async ({ page, loginPage }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(new URL(ws.url()).pathname));
    const streams: string[] = [];
    page.on('request', (req) => {
      if (req.method() === 'GET' && new URL(req.url()).pathname === '/api/feed') streams.push(req.url());
    });
    // signed in through the form, so the sign-in's own page loads are watched too
    await loginPage.signIn('viewer');
    // the first tab of a fresh server waits for the hub's first upstream connection too
    await expect(feedStatus(page)).toHaveText('Live', { timeout: 60_000 });
    expect(sockets, 'the tab tried /ws first').toContain('/ws');
    expect(streams.length, 'and fell back to the SSE stream').toBeGreaterThanOrEqual(1);
    await expect(page.getByRole('table').getByRole('row')).toHaveCount(31);
    await control('price', { symbol: 'BTC/USD', price: '150000.0' });
    const btc = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'BTC/USD' }) });
    await expect(btc.getByRole('cell').nth(1)).toHaveText(/^1[45]\d,\d{3}\.\d$/, { timeout: 30_000 });
  });

  testAs('viewer')('the trade page shows a live, verified book, trades and candles', async ({ tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(t.status).toHaveText('Live', { timeout: 20_000 });
    await expect(t.checksum).toHaveText('Checksum verified');
    await expect.poll(() => t.asks.count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => t.bids.count()).toBeGreaterThanOrEqual(10);
    const before = await t.bookText();
    await expect.poll(() => t.bookText(), { timeout: 15_000 }).not.toBe(before);
    await expect.poll(() => t.trades.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect(t.chart.locator('canvas').first()).toBeVisible();
    await expect(t.chart.locator('[data-field=close]')).toHaveText(/^\d{1,3}(,\d{3})*\.\d$/, { timeout: 15_000 });
  });

  testAs('trader')('a trader places a resting limit order, sees it in open orders and cancels it', async ({ page, tradePage, ordersPage }) => {
    await tradePage.open('BTC-USD');
    const price = await tradePage.priceNear(0.9);
    await tradePage.ticket.order({ side: 'Buy', type: 'Limit', price, size: '0.001' });
    await expect(toast(page, 'order placed')).toBeVisible();
    await ordersPage.open();
    const row = await ordersPage.rowOf('trader', Number(price).toLocaleString('en-US'));
    await ordersPage.cancel(row);
    await expect(toast(page, 'Order cancelled')).toBeVisible();
    await expect(row).toHaveCount(0);
  });

  testAs('trader')('an admin freezes the desk, orders are refused, and /admin shows the dead-man switch as this instance keeps it', async ({ page, tradePage, asRole }) => {
    // the refresh loop runs every 20 s, so the first refresh after switching on can take that long
    test.slow();
    const admin = await asRole('admin');
    const adminPage = new AdminPage(admin);
    await adminPage.open();
    await expect(admin.getByTestId('dead-man-state')).toContainText(/Off: no instance refreshes/);
    await adminPage.freezeDesk();
    try {
      await tradePage.open('BTC-USD');
      await tradePage.ticket.order({ side: 'Buy', type: 'Limit', price: await tradePage.priceNear(0.9), size: '0.001' });
      await expect(toast(page, 'order not placed')).toContainText(/frozen/i);
    } finally {
      await adminPage.unfreezeDesk();
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

import { exchangeControl } from './support/desk';
import { expect, test, testAs } from './support/fixtures';
import { TradePage } from './support/trade-pages';

/** Kraken's private feed runs on its own connection: losing it must show on the account pages, then clear. */
test.describe('account feed', () => {
  test.describe.configure({ timeout: 90_000 });

  testAs('trader')('dropping the private feed shows a notice on /orders and /balances until it is back', async ({ page, ordersPage, asRole }) => {
    await ordersPage.open();
    await expect(page.getByRole('heading', { name: /Open orders/ })).toBeVisible();
    const balances = await asRole('viewer');
    await balances.goto('/balances');
    await expect(balances.getByTestId('balances-total')).toHaveText(/\d/);
    const notice = (p: typeof page) => p.getByTestId('account-feed');
    await expect(notice(page)).toHaveCount(0);

    await exchangeControl('auth-feed/drop', { refuseMs: 4000 });
    for (const p of [page, balances]) {
      await expect(notice(p)).toHaveText(/Live account updates from Kraken are interrupted/, { timeout: 5_000 });
      await expect(notice(p)).toHaveAttribute('role', 'status');
    }
    // the market feed is a separate connection and stays live meanwhile
    await page.goto('/trade/BTC-USD');
    await expect(page.getByRole('status').filter({ hasText: /^Live$/ })).toBeVisible();
    await page.goto('/orders');
    for (const p of [page, balances]) await expect(notice(p)).toHaveCount(0, { timeout: 30_000 });
  });

  testAs('viewer')("another member's order appears on a watching /orders page and leaves it when it fills on the exchange", async ({ ordersPage, asRole, baseURL }) => {
    await ordersPage.open();
    const open = ordersPage.region;
    await expect(open.getByRole('heading', { name: /Open orders/ })).toBeVisible();

    const admin = await asRole('admin');
    const trade = new TradePage(admin);
    await trade.open('BTC-USD');
    const market = await trade.lastPrice();
    const limit = String(Math.floor(market * 0.9));
    const placed = await admin.request.post('/api/orders', {
      headers: { origin: baseURL! },
      data: { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price: limit, idempotencyKey: crypto.randomUUID() },
    });
    expect(placed.status(), await placed.text()).toBe(201);
    const id = ((await placed.json()) as { order: { txid: string } }).order.txid;
    const row = ordersPage.row(id);
    await expect(row).toContainText('admin', { timeout: 10_000 });

    try {
      // the market falls through the bid: the exchange fills it and the executions feed says so
      await exchangeControl('price', { symbol: 'BTC/USD', price: String(Math.floor(market * 0.85)) });
      await expect(row).toHaveCount(0, { timeout: 15_000 });
    } finally {
      await exchangeControl('price', { symbol: 'BTC/USD', price: (Math.round(market * 10) / 10).toFixed(1) });
    }
  });
});

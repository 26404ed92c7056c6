import { expect, test } from '@playwright/test';
import { exchangeControl, signIn } from './support/desk';

/** Kraken's private feed runs on its own connection: losing it must show on the account pages, then clear. */
test.describe('account feed', () => {
  test.describe.configure({ timeout: 90_000 });

  test('dropping the private feed shows a notice on /orders and /balances until it is back', async ({ page, browser }) => {
    await signIn(page, 'trader');
    await page.goto('/orders');
    await expect(page.getByRole('heading', { name: /Open orders/ })).toBeVisible();
    const balances = await (await browser.newContext()).newPage();
    await signIn(balances, 'viewer');
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
    await balances.context().close();
  });

  test("another member's order appears on a watching /orders page and leaves it when it fills on the exchange", async ({ page, browser, baseURL }) => {
    await signIn(page, 'viewer');
    await page.goto('/orders');
    const open = page.getByRole('region', { name: /Open orders/ });
    await expect(open.getByRole('heading', { name: /Open orders/ })).toBeVisible();

    const admin = await (await browser.newContext({ baseURL })).newPage();
    await signIn(admin, 'admin');
    await admin.goto('/trade/BTC-USD');
    const last = admin.getByTestId('last-price');
    await expect(last).toHaveText(/\d/);
    const market = Number((await last.textContent())!.replace(/[^\d.]/g, ''));
    const limit = String(Math.floor(market * 0.9));
    const placed = await admin.request.post('/api/orders', {
      headers: { origin: baseURL! },
      data: { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price: limit, idempotencyKey: crypto.randomUUID() },
    });
    expect(placed.status(), await placed.text()).toBe(201);
    const id = ((await placed.json()) as { order: { txid: string } }).order.txid;
    const row = open.locator(`tr[data-order-id="${id}"]`);
    await expect(row).toContainText('admin', { timeout: 10_000 });

    try {
      // the market falls through the bid: the exchange fills it and the executions feed says so
      await exchangeControl('price', { symbol: 'BTC/USD', price: String(Math.floor(market * 0.85)) });
      await expect(row).toHaveCount(0, { timeout: 15_000 });
    } finally {
      await exchangeControl('price', { symbol: 'BTC/USD', price: (Math.round(market * 10) / 10).toFixed(1) });
      await admin.context().close();
    }
  });
});

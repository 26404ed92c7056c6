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
});

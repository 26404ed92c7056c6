import { expect, test } from '@playwright/test';
import { exchangeControl, signIn } from './support/desk';

test.describe('markets', () => {
  test('lists the 30 seed markets with last price, 24h change and volume', async ({ page }) => {
    await signIn(page, 'viewer');
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(31);
    const btc = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'BTC/USD' }) });
    await expect(btc).toHaveCount(1);
    const cells = btc.getByRole('cell');
    await expect(cells.nth(1)).toHaveText(/^\d{2,3},\d{3}\.\d$/);
    await expect(cells.nth(2)).toHaveText(/^[+−]?\d+\.\d{2}%$/);
    await expect(cells.nth(5)).toHaveText(/^\$\d+(\.\d+)?[KMB]?$/);
  });

  test('prices are live: the exchange moves BTC and the row follows', async ({ page }) => {
    await signIn(page, 'viewer');
    await expect(page.getByRole('status').first()).toContainText(/live/i);
    await exchangeControl('price', { symbol: 'BTC/USD', price: '150000.0' });
    const btc = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'BTC/USD' }) });
    await expect(btc.getByRole('cell').nth(1)).toHaveText(/^1[45]\d,\d{3}\.\d$/, { timeout: 15_000 });
  });

  test('search narrows the list, sorting reorders it, favourites stay first after a reload', async ({ page, browser }) => {
    await signIn(page, 'viewer');
    const table = page.getByRole('table');
    await page.getByRole('searchbox').fill('eth');
    await expect(table.getByRole('rowheader')).toHaveText(['ETH/USD']);
    await page.getByRole('searchbox').fill('');
    await page.getByRole('button', { name: /^Market/ }).click();
    const first = await table.getByRole('rowheader').first().textContent();
    await page.getByRole('button', { name: /^Market/ }).click();
    await expect(table.getByRole('rowheader').first()).not.toHaveText(first ?? '');

    await page.getByRole('button', { name: 'Favourite SOL/USD' }).click();
    await expect(page.getByRole('button', { name: 'Favourite SOL/USD' })).toHaveAttribute('aria-pressed', 'true');
    await page.reload();
    await expect(table.getByRole('rowheader').first()).toHaveText('SOL/USD');
    await page.getByRole('button', { name: 'Favourites only' }).click();
    await expect(table.getByRole('rowheader')).toHaveText(['SOL/USD']);

    // Kept with the member, not the browser: a fresh browser context sees the same favourite first.
    const other = await browser.newPage();
    await signIn(other, 'viewer');
    await expect(other.getByRole('table').getByRole('rowheader').first()).toHaveText('SOL/USD');
    await other.getByRole('button', { name: 'Favourite SOL/USD' }).click();
    await expect(other.getByRole('button', { name: 'Favourite SOL/USD' })).toHaveAttribute('aria-pressed', 'false');
    await other.reload();
    await expect(other.getByRole('button', { name: 'Favourite SOL/USD' })).toHaveAttribute('aria-pressed', 'false');
    await other.close();
  });

  test('/ redirects to /markets and /markets requires a session', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, 'viewer');
    await page.goto('/');
    await expect(page).toHaveURL(/\/markets$/);
  });
});

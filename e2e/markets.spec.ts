import { expect, test } from '@playwright/test';
import { signIn } from './support/desk';

test.describe('markets', () => {
  test('lists the 30 seed markets with last price, 24h change and volume', async ({ page }) => {
    await signIn(page, 'viewer');
    const table = page.getByRole('table');
    await expect(table.getByRole('row')).toHaveCount(31);
    const btc = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'BTC/USD' }) });
    await expect(btc).toHaveCount(1);
    const cells = btc.getByRole('cell');
    await expect(cells.nth(0)).toHaveText(/^\d{2,3},\d{3}\.\d$/);
    await expect(cells.nth(1)).toHaveText(/^[+−]?\d+\.\d{2}%$/);
  });

  test('search narrows the list and sorting reorders it', async ({ page }) => {
    await signIn(page, 'viewer');
    const table = page.getByRole('table');
    await page.getByRole('searchbox').fill('eth');
    await expect(table.getByRole('rowheader')).toHaveText(['ETH/USD']);
    await page.getByRole('searchbox').fill('');
    await page.getByRole('button', { name: /Market/ }).click();
    const first = await table.getByRole('rowheader').first().textContent();
    await page.getByRole('button', { name: /Market/ }).click();
    await expect(table.getByRole('rowheader').first()).not.toHaveText(first ?? '');
  });

  test('/ redirects to /markets and /markets requires a session', async ({ page }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    await signIn(page, 'viewer');
    await page.goto('/');
    await expect(page).toHaveURL(/\/markets$/);
  });
});

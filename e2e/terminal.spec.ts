import { expect, test } from '@playwright/test';
import { signIn } from './support/desk';

/** The trade page as a terminal: switch pair, watch favourites, act from the data. */
test.describe('trader terminal', () => {
  test.describe.configure({ timeout: 90_000 });

  test('the switcher finds "bitcoin" and navigates with the keyboard; other spellings redirect', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/trade/ETH-USD');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('ETH/USD');
    await page.locator('body').press('/');
    const search = page.getByRole('combobox', { name: 'Search pairs' });
    await expect(search).toBeFocused();
    await search.fill('bitcoin');
    await expect(page.getByRole('option').first()).toContainText('BTC/USD');
    await search.press('Enter');
    await expect(page).toHaveURL(/\/trade\/BTC-USD$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('BTC/USD');
    await expect(page).toHaveTitle(/^[\d,.]+ BTC\/USD · Kraken Desk$/);

    // Ctrl+K opens it too; arrows pick, Escape closes without moving
    await page.keyboard.press('Control+k');
    await expect(search).toBeFocused();
    await search.fill('xbt');
    await expect(page.getByRole('option')).not.toHaveCount(0);
    await search.press('Escape');
    await expect(search).toBeHidden();
    await expect(page).toHaveURL(/\/trade\/BTC-USD$/);

    for (const spelling of ['XBTUSD', 'BTC%2FUSD', 'xbt-usd']) {
      await page.goto(`/trade/${spelling}`);
      await expect(page).toHaveURL(/\/trade\/BTC-USD$/);
    }
    expect((await page.goto('/trade/NOPE-USD'))?.status()).toBe(404);
  });

  test('a starred pair joins the live watchlist, which switches pair in one click', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/SOL-USD');
    const watchlist = page.getByRole('navigation', { name: 'Watchlist' });
    const star = page.getByRole('button', { name: 'Add SOL/USD to favourites' });
    await star.click();
    await expect(page.getByRole('button', { name: 'Remove SOL/USD from favourites' })).toHaveAttribute('aria-pressed', 'true');
    const entry = watchlist.getByRole('link', { name: /SOL\/USD/ });
    await expect(entry).toContainText(/\d/);
    await page.goto('/trade/BTC-USD');
    await expect(entry).toBeVisible();
    await entry.click();
    await expect(page).toHaveURL(/\/trade\/SOL-USD$/);
    await page.getByRole('button', { name: 'Remove SOL/USD from favourites' }).click();
    await expect(entry).toHaveCount(0);
  });
});

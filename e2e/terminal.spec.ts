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

  test('clicking a book level or a trade fills the ticket; Shift+click also fills the cumulative size', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await ticket.getByLabel('Order type').selectOption({ label: 'Market' });
    const level = page.getByRole('region', { name: 'Order book' }).locator('tr[data-side=bid]').nth(2);
    await expect(level).toBeVisible();
    const price = await level.getAttribute('data-price');
    await level.click();
    // a clicked price means "at this price": the market ticket became a limit order
    await expect(ticket.getByLabel('Order type')).toHaveValue('limit');
    await expect(ticket.getByLabel('Limit price')).toHaveValue(price!);

    const deeper = page.getByRole('region', { name: 'Order book' }).locator('tr[data-side=bid]').nth(4);
    const [deepPrice, total] = [await deeper.getAttribute('data-price'), await deeper.getAttribute('data-size')];
    await deeper.click({ modifiers: ['Shift'] });
    await expect(ticket.getByLabel('Limit price')).toHaveValue(deepPrice!);
    await expect(ticket.getByRole('textbox', { name: /^Size/ })).toHaveValue(total!);

    const trade = page.getByRole('region', { name: 'Recent trades' }).locator('tbody tr').first();
    await expect(trade).toBeVisible();
    const tradePrice = await trade.getAttribute('data-price');
    await trade.click();
    await expect(ticket.getByLabel('Limit price')).toHaveValue(tradePrice!);
  });
});

import { expect, test, testAs, type Page } from './support/fixtures';
import type { Locator } from '@playwright/test';
import { TradePage } from './support/trade-pages';

/**
 * Clicks a live row and returns the data it carried at that instant: read and click in one turn of the
 * page's event loop, since the book rewrites rows in place and the tape adds rows many times a second.
 */
async function clickRow(row: Locator, shift = false): Promise<{ price: string; size: string }> {
  await expect(row).toBeVisible();
  return row.evaluate((el: HTMLElement, shiftKey) => {
    const data = { price: el.dataset.price ?? '', size: el.dataset.size ?? '' };
    el.querySelector('td')!.dispatchEvent(new MouseEvent('click', { bubbles: true, shiftKey }));
    return data;
  }, shift);
}

/** The trade page as a terminal: switch pair, watch favourites, act from the data. */
test.describe('trader terminal', () => {
  // a shared 2-core machine under load can take a minute to build a trade page's live state
  test.describe.configure({ timeout: 150_000 });

  testAs('viewer')('the switcher finds "bitcoin" and navigates with the keyboard', async ({ page, tradePage }) => {
    await tradePage.open('ETH-USD');
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
  });

  testAs('viewer')('every spelling of a pair redirects to its canonical page; an unlisted pair is the desk 404 with its header', async ({ page }) => {
    for (const spelling of ['XBTUSD', 'BTC%2FUSD', 'xbt-usd', 'btc-usd']) {
      const res = await page.request.get(`/trade/${spelling}`, { maxRedirects: 0 });
      expect([307, 308], spelling).toContain(res.status());
      expect(res.headers().location, spelling).toMatch(/\/trade\/BTC-USD$/);
    }
    expect((await page.goto('/trade/NOPE-USD'))?.status()).toBe(404);
    await expect(page.getByRole('heading', { name: 'This page does not exist' })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
    await page.getByRole('link', { name: 'Back to markets' }).click();
    await expect(page).toHaveURL(/\/markets$/);
  });

  testAs('trader')('a starred pair joins the live watchlist, which switches pair in one click', async ({ page, tradePage }) => {
    await tradePage.open('SOL-USD');
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

  testAs('trader')('clicking a book level or a trade fills the ticket; Shift+click also fills the cumulative size', async ({ tradePage: t }) => {
    await t.open('BTC-USD');
    const ticket = t.ticket;
    await ticket.type.selectOption({ label: 'Market' });
    const { price } = await clickRow(t.bids.nth(2));
    // a clicked price means "at this price": the market ticket became a limit order
    await expect(ticket.type).toHaveValue('limit');
    await expect(ticket.price).toHaveValue(price);

    const deeper = await clickRow(t.asks.nth(4), true);
    await expect(ticket.price).toHaveValue(deeper.price);
    await expect(ticket.size).toHaveValue(deeper.size);

    const trade = await clickRow(t.trades.first());
    await expect(ticket.price).toHaveValue(trade.price);
    // a real mouse click works too
    await t.bids.first().click();
    await expect(ticket.price).toHaveValue(/^\d+\.\d$/);
  });

  testAs('trader')('an order placed on the trade page shows in its panel, is amended and cancelled there; a fill shows under Fills', async ({ page, tradePage: t }) => {
    await t.open('BTC-USD');
    const price = await t.priceNear(0.9);
    await t.ticket.order({ type: 'Limit', price, size: '0.001' });

    const panel = t.orders;
    const orderRow = await panel.rowOf(Number(price).toLocaleString('en-US'));
    await expect(orderRow).toContainText('trader');
    // and as a line on the chart, labelled side, size and member
    await expect(page.getByRole('list', { name: 'Your orders on the chart' })).toContainText(`Buy 0.001 · trader at ${price}`);
    const amended = String(Number(price) - 50);
    await panel.amend(orderRow, { 'New price': amended });
    await expect(orderRow).toContainText(Number(amended).toLocaleString('en-US'));
    await panel.cancel(orderRow);
    await expect(orderRow).toHaveCount(0);

    await t.ticket.order({ type: 'Market', size: '0.001' });
    await panel.showFills();
    // live from the executions feed; the panel's 15 s poll is the safety net when the desk's REST budget is spent
    await expect(panel.rows().filter({ hasText: 'trader' }).first()).toBeVisible({ timeout: 30_000 });
  });

  testAs('admin')('chart interval, book depth and grouping, the panel tab and the markets sort survive a reload and a new browser', async ({ page, tradePage: t, asRole }) => {
    await t.open('BTC-USD');
    const { chart, book } = t;
    await chart.getByRole('button', { name: '2w' }).click();
    await expect(chart.getByRole('alert')).toHaveCount(0);
    await chart.getByRole('button', { name: '4h' }).click();
    await chart.getByRole('button', { name: /^RSI/ }).click();
    await chart.getByLabel('Scale').selectOption('log');
    await book.getByLabel('Depth').selectOption('100');
    await book.getByLabel('Group').selectOption({ index: 1 });
    await page.getByRole('tab', { name: 'Fills' }).click();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/settings') && r.request().method() === 'PUT');
    await page.goto('/markets');
    await page.getByRole('button', { name: /^24h change/ }).click();
    await saved;
    await expect.poll(async () => (await (await page.request.get('/api/me/settings')).json()).settings.markets.sort).toBe('changePct');

    const check = async (p: Page) => {
      const on = new TradePage(p);
      await on.open('BTC-USD');
      await expect(on.chart.getByRole('button', { name: '4h' })).toHaveAttribute('aria-pressed', 'true');
      await expect(on.chart.getByRole('button', { name: /^RSI/ })).toHaveAttribute('aria-pressed', 'true');
      await expect(on.chart.getByLabel('Scale')).toHaveValue('log');
      await expect(on.book.getByLabel('Depth')).toHaveValue('100');
      await expect(on.book.getByLabel('Group')).toHaveValue('10');
      await expect(p.getByRole('tab', { name: 'Fills' })).toHaveAttribute('aria-selected', 'true');
      await p.goto('/markets');
      await expect(p.getByRole('columnheader', { name: /24h change/ }).first()).toHaveAttribute('aria-sort', 'descending');
    };
    await page.reload();
    await check(page);
    // another browser: a context of its own, with none of this one's storage
    await check(await asRole('admin'));
    // put the admin's screens back for the specs that follow
    const origin = new URL(page.url()).origin;
    const reset = await page.request.put('/api/me/settings', {
      headers: { origin },
      data: { chart: { interval: 60, scale: 'normal', indicators: [] }, book: { depth: 25, grouping: 1 }, layout: { panel: 'orders' }, markets: { sort: 'quoteVolume', direction: 'desc' } },
    });
    expect(reset.status()).toBe(200);
  });
});

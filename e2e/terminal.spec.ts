import { expect, test, type Locator } from '@playwright/test';
import { signIn } from './support/desk';
import { OrdersPanel, Ticket } from './support/trade-pages';

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

  test('the switcher finds "bitcoin" and navigates with the keyboard', async ({ page }) => {
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
  });

  test('every spelling of a pair redirects to its canonical page; an unlisted pair is the desk 404 with its header', async ({ page }) => {
    await signIn(page, 'viewer');
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
    const book = page.getByRole('region', { name: 'Order book' });
    const { price } = await clickRow(book.locator('tr[data-side=bid]').nth(2));
    // a clicked price means "at this price": the market ticket became a limit order
    await expect(ticket.getByLabel('Order type')).toHaveValue('limit');
    await expect(ticket.getByLabel('Limit price')).toHaveValue(price);

    const deeper = await clickRow(book.locator('tr[data-side=ask]').nth(4), true);
    await expect(ticket.getByLabel('Limit price')).toHaveValue(deeper.price);
    await expect(ticket.getByRole('textbox', { name: /^Size/ })).toHaveValue(deeper.size);

    const trade = await clickRow(page.getByRole('region', { name: 'Recent trades' }).locator('tbody tr').first());
    await expect(ticket.getByLabel('Limit price')).toHaveValue(trade.price);
    // a real mouse click works too
    await book.locator('tr[data-side=bid]').first().click();
    await expect(ticket.getByLabel('Limit price')).toHaveValue(/^\d+\.\d$/);
  });

  test('an order placed on the trade page shows in its panel, is amended and cancelled there; a fill shows under Fills', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    const last = page.getByTestId('last-price');
    await expect(last).toHaveText(/\d/);
    const price = String(Math.floor(Number((await last.textContent())!.replace(/[^\d.]/g, '')) * 0.9));
    await new Ticket(page).order({ type: 'Limit', price, size: '0.001' });

    const orders = new OrdersPanel(page);
    const panel = orders.region;
    const row = await orders.rowOf(Number(price).toLocaleString('en-US'));
    await expect(row).toContainText('trader');
    // and as a line on the chart, labelled side, size and member
    await expect(page.getByRole('list', { name: 'Your orders on the chart' })).toContainText(`Buy 0.001 · trader at ${price}`);
    const orderRow = panel.locator(`tr[data-order-id="${await row.getAttribute('data-order-id')}"]`);
    const amended = String(Number(price) - 50);
    await orderRow.getByRole('button', { name: /^Amend / }).click();
    await orderRow.getByLabel('New price').fill(amended);
    await orderRow.getByRole('button', { name: 'Save' }).click();
    await expect(orderRow).toContainText(Number(amended).toLocaleString('en-US'));
    await orderRow.getByRole('button', { name: /^Cancel / }).click();
    await expect(orderRow).toHaveCount(0);

    await ticket.getByLabel('Order type').selectOption({ label: 'Market' });
    await ticket.getByRole('textbox', { name: /^Size/ }).fill('0.001');
    await ticket.getByRole('button', { name: 'Buy BTC' }).click();
    await panel.getByRole('tab', { name: 'Fills' }).click();
    // live from the executions feed; the panel's 15 s poll is the safety net when the desk's REST budget is spent
    await expect(panel.locator('tbody tr').filter({ hasText: 'trader' }).first()).toBeVisible({ timeout: 30_000 });
  });

  test('the legend shows an enabled study value at the newest bar and at the crosshair', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/trade/BTC-USD');
    const chart = page.getByRole('region', { name: 'Price chart' });
    // studies are the member's saved settings, which other specs change: start from none shown
    const values = chart.locator('dl[aria-label="Candle values"]');
    const shown = chart.getByRole('button', { pressed: true }).filter({ hasText: /^(SMA|EMA|VWAP|BB|RSI|MACD)\b/ });
    // the chart's toolbar loads after the page: count the studies shown once it is there
    await expect(chart.getByRole('button', { name: /^SMA/ })).toBeVisible();
    for (let left = await shown.count(); left > 0; left--) await shown.first().click();
    await expect(shown).toHaveCount(0);
    await expect(values.locator('[data-study]')).toHaveCount(0);
    await chart.getByRole('button', { name: /^SMA/ }).click();
    await chart.getByRole('button', { name: /^MACD/ }).click();
    // thousands separators and the pair's one decimal; MACD names its three periods and shows three values
    await expect(values.locator('[data-study]').first()).toHaveText(/^SMA 20 \d{1,3}(,\d{3})*\.\d$/);
    await expect(values.locator('[data-study]').nth(1)).toHaveText(/^MACD 12 26 9( −?[\d,]+\.\d\d){3}$/);
    // hovering an old bar shows that bar's value
    const box = (await chart.getByRole('img', { name: /^Candles of / }).boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.3);
    await expect(values.locator('[data-study]').first()).toHaveText(/^SMA 20 [\d,]+\.\d$/);
    await chart.getByRole('button', { name: /^SMA/ }).click();
    await chart.getByRole('button', { name: /^MACD/ }).click();
    await expect(values.locator('[data-study]')).toHaveCount(0);
  });

  test('coarse grouping subscribes a deeper book so the chosen rows still show (or says how many can)', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.goto('/trade/BTC-USD');
    const book = page.getByRole('region', { name: 'Order book' });
    // depth and grouping are the member's saved settings, which other specs change: start ungrouped
    await book.getByLabel('Group').selectOption({ index: 0 });
    await book.getByLabel('Depth').selectOption('10');
    await expect(book).toHaveAttribute('data-subscribed-depth', '10');
    await expect(book.locator('tr[data-side=bid]')).toHaveCount(10);
    await book.getByLabel('Group').selectOption({ index: 2 });
    await expect.poll(async () => Number(await book.getAttribute('data-subscribed-depth'))).toBeGreaterThan(10);
    await expect(book.getByText(/^Grouped from \d+ levels a side$/)).toBeVisible();
    // every grouped row a side is there, or the book says how many it can show
    const short = book.getByRole('status').filter({ hasText: /rows at this grouping/ });
    await expect.poll(async () => {
      const [bids, asks] = [await book.locator('tr[data-side=bid]').count(), await book.locator('tr[data-side=ask]').count()];
      if (bids === 10 && asks === 10) return 'full';
      const text = (await short.count()) > 0 ? await short.textContent() : '';
      return text === `Showing ${Math.min(bids, asks)} of 10 rows at this grouping` ? 'said' : `${bids}/${asks} ${text}`;
    }, { timeout: 20_000 }).toMatch(/^(full|said)$/);
    await book.getByLabel('Group').selectOption({ index: 0 });
    await expect(book).toHaveAttribute('data-subscribed-depth', '10');
    await book.getByLabel('Depth').selectOption('25');
  });

  test('the splitters resize the chart and the book column from the keyboard, and the sizes survive a reload', async ({ page }) => {
    await page.setViewportSize({ width: 1400, height: 900 });
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    const side = page.getByRole('separator', { name: 'Book and ticket width' });
    const height = page.getByRole('separator', { name: 'Chart height' });
    const chart = page.getByRole('region', { name: 'Price chart' });
    const book = page.getByRole('region', { name: 'Order book' });
    await expect(side).toHaveAttribute('aria-valuenow', '600');
    // the chart loads after the page (a placeholder of the same height holds its place until then)
    await expect(chart.getByRole('img', { name: /^Candles of / })).toBeVisible();
    const before = { chart: (await chart.boundingBox())!, book: (await book.boundingBox())! };
    // the chart follows the window: 62 % of what is below the header
    expect(Math.abs(before.chart.height - (900 - 160) * 0.62)).toBeLessThan(4);
    await side.focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Shift+ArrowLeft');
    await expect(side).toHaveAttribute('aria-valuenow', String(600 + 3 * 16 + 80));
    await height.focus();
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/settings') && r.request().method() === 'PUT');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await expect(height).toHaveAttribute('aria-valuenow', '58');
    await saved;
    const check = async () => {
      await expect(side).toHaveAttribute('aria-valuenow', '728');
      await expect(height).toHaveAttribute('aria-valuenow', '58');
      // (a page still loading on a busy machine answers layout queries slowly)
      await expect.poll(async () => Math.round((await book.boundingBox())!.width), { timeout: 30_000 }).toBeGreaterThan(Math.round(before.book.width) + 40);
      await expect.poll(async () => Math.round((await chart.boundingBox())!.height), { timeout: 30_000 }).toBeLessThan(Math.round(before.chart.height) - 20);
    };
    await check();
    await page.reload();
    await check();
    const origin = new URL(page.url()).origin;
    expect((await page.request.put('/api/me/settings', { headers: { origin }, data: { layout: { sideWidth: 600, chartPct: 62 } } })).status()).toBe(200);
  });

  test('chart interval, book depth and grouping, the panel tab and the markets sort survive a reload and a new browser', async ({ page, browser }) => {
    await signIn(page, 'admin');
    await page.goto('/trade/BTC-USD');
    const chart = page.getByRole('region', { name: 'Price chart' });
    const book = page.getByRole('region', { name: 'Order book' });
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

    const check = async (p: typeof page) => {
      await p.goto('/trade/BTC-USD');
      await expect(p.getByRole('region', { name: 'Price chart' }).getByRole('button', { name: '4h' })).toHaveAttribute('aria-pressed', 'true');
      await expect(p.getByRole('region', { name: 'Price chart' }).getByRole('button', { name: /^RSI/ })).toHaveAttribute('aria-pressed', 'true');
      await expect(p.getByRole('region', { name: 'Price chart' }).getByLabel('Scale')).toHaveValue('log');
      await expect(p.getByRole('region', { name: 'Order book' }).getByLabel('Depth')).toHaveValue('100');
      await expect(p.getByRole('region', { name: 'Order book' }).getByLabel('Group')).toHaveValue('10');
      await expect(p.getByRole('tab', { name: 'Fills' })).toHaveAttribute('aria-selected', 'true');
      await p.goto('/markets');
      await expect(p.getByRole('columnheader', { name: /24h change/ }).first()).toHaveAttribute('aria-sort', 'descending');
    };
    await page.reload();
    await check(page);
    const other = await (await browser.newContext()).newPage();
    await signIn(other, 'admin');
    await check(other);
    await other.context().close();
    // put the admin's screens back for the specs that follow
    const origin = new URL(page.url()).origin;
    const reset = await page.request.put('/api/me/settings', {
      headers: { origin },
      data: { chart: { interval: 60, scale: 'normal', indicators: [] }, book: { depth: 25, grouping: 1 }, layout: { panel: 'orders' }, markets: { sort: 'quoteVolume', direction: 'desc' } },
    });
    expect(reset.status()).toBe(200);
  });
});

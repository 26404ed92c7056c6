import { readFile } from 'node:fs/promises';
import { expect, test, testAs, type Page } from './support/fixtures';
import { cancelViaApi, getJson, placeViaApi, priceNearMarket } from './support/orders-api';

/**
 * Issue 9, item 9: open orders past Kraken's page of 50, and history filters and CSV export over all of the
 * account's history. Orders are placed through the desk's API against the built-in exchange.
 */
// The bulk trades LTC/USD, which no other spec trades: cancelling 52 young orders adds Kraken's cancel penalty
// (8 units each) to that pair's trading counter, which would hold every later spec's BTC orders for minutes.
const BULK_ORDERS = 52;
const ETH_ORDERS = 3;

const toast = (page: Page, text: string | RegExp) => page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });

async function csvLines(page: Page, click: () => Promise<void>): Promise<string[]> {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  const text = await readFile((await download.path())!, 'utf8');
  return text.split('\r\n').filter((line) => line !== '');
}

test.describe('orders beyond one page', () => {
  // placing 55 orders may wait out the desk's per-member share of Kraken's trading rate counter (starter tier)
  test.describe.configure({ timeout: 300_000 });

  testAs('trader')(`all open orders are listed past 50, cancel-all states the true count; history filters and CSV cover everything`, async ({ page, asRole }) => {
    // a second member places half the bulk orders at the same time: each member has its own share of the pair's counter
    const adminPage = await asRole('admin');
    // its API calls are same-origin fetches from a desk page
    await adminPage.goto('/markets');
    // ETH orders are placed and cancelled first: they close before every bulk order, past the newest 50
    const eth = await priceNearMarket(page, 'ETH-USD', 0.9);
    await cancelViaApi(page, await placeViaApi(page, Array.from({ length: ETH_ORDERS }, () => ({ symbol: 'ETH/USD', side: 'buy' as const, type: 'limit', volume: '0.01', price: eth }))));
    const ltc = await priceNearMarket(page, 'LTC-USD', 0.9);
    await page.goto('/markets');
    const bulkTicket = { symbol: 'LTC/USD', side: 'buy' as const, type: 'limit', volume: '0.05', price: ltc };
    await Promise.all([
      placeViaApi(page, Array.from({ length: BULK_ORDERS / 2 }, () => bulkTicket)),
      placeViaApi(adminPage, Array.from({ length: BULK_ORDERS / 2 }, () => bulkTicket)),
    ]);
    await adminPage.close();

    await page.goto('/orders');
    const { total: openCount } = await getJson<{ total: number }>(page, '/api/orders?status=open&page=0');
    expect(openCount).toBeGreaterThanOrEqual(BULK_ORDERS);
    const open = page.getByRole('region', { name: /Open orders/ });
    await expect(open.getByRole('heading', { name: `Open orders (${openCount})` })).toBeVisible();
    await expect(open.locator('tbody tr')).toHaveCount(openCount);

    await open.getByRole('button', { name: 'Cancel all' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText(`This cancels all ${openCount} open orders`);
    await dialog.getByRole('button', { name: 'Cancel all orders' }).click();
    await expect(toast(page, 'All open orders cancelled')).toContainText(`${openCount} cancelled`);
    await expect(open.locator('tbody tr')).toHaveCount(0);

    const history = page.getByRole('region', { name: 'History' });
    const closed = await getJson<{ total: number }>(page, '/api/orders?status=closed&page=0');
    const ethClosed = await getJson<{ total: number }>(page, '/api/orders?status=closed&page=0&symbol=ETH%2FUSD');
    expect(closed.total).toBeGreaterThan(50);
    expect(ethClosed.total).toBeGreaterThanOrEqual(ETH_ORDERS);

    // the ETH orders are older than the newest 50 closed orders: a filter over one page would find none
    await history.getByLabel('Pair').fill('ETH/USD');
    const rows = history.locator('tbody tr');
    await expect(rows).toHaveCount(ethClosed.total);
    for (const row of await rows.all()) await expect(row).toContainText('ETH/USD');
    await expect(history).toContainText(`(${ethClosed.total} orders)`);

    const ethCsv = await csvLines(page, () => history.getByRole('button', { name: 'Export CSV' }).click());
    expect(ethCsv).toHaveLength(ethClosed.total + 1);
    expect(ethCsv.slice(1).every((line) => line.includes('ETH/USD'))).toBe(true);

    await history.getByLabel('Pair').fill('');
    await expect(rows).toHaveCount(50);
    const allCsv = await csvLines(page, () => history.getByRole('button', { name: 'Export CSV' }).click());
    expect(allCsv).toHaveLength(closed.total + 1);
  });
});

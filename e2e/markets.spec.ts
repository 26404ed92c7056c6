import { exchangeControl } from './support/desk';
import { expect, test } from './support/fixtures';
import { MarketsPage } from './support/pages';

test.describe('markets', () => {
  test.describe('as viewer', () => {
    test.use({ role: 'viewer' });

    test('lists the 30 seed markets with last price, 24h change and volume', async ({ marketsPage: markets }) => {
      await markets.open();
      await expect(markets.table.getByRole('row')).toHaveCount(31);
      await expect(markets.row('BTC/USD')).toHaveCount(1);
      await expect(markets.cell('BTC/USD', 1)).toHaveText(/^\d{2,3},\d{3}\.\d$/);
      await expect(markets.cell('BTC/USD', 2)).toHaveText(/^[+−]?\d+\.\d{2}%$/);
      await expect(markets.cell('BTC/USD', 5)).toHaveText(/^\$\d+(\.\d+)?[KMB]?$/);
    });

    test('prices are live: the exchange moves BTC and the row follows', async ({ page, marketsPage: markets }) => {
      await markets.open();
      await expect(page.getByRole('status').first()).toContainText(/live/i);
      await exchangeControl('price', { symbol: 'BTC/USD', price: '150000.0' });
      await expect(markets.cell('BTC/USD', 1)).toHaveText(/^1[45]\d,\d{3}\.\d$/, { timeout: 15_000 });
    });

    test('search narrows the list, sorting reorders it, favourites stay first after a reload', async ({ page, marketsPage: markets, asRole }) => {
      await markets.open();
      await markets.search.fill('eth');
      await expect(markets.symbols()).toHaveText(['ETH/USD']);
      await markets.search.fill('');
      await markets.sortByMarket();
      const first = await markets.symbols().first().textContent();
      await markets.sortByMarket();
      await expect(markets.symbols().first()).not.toHaveText(first ?? '');

      await markets.favourite('SOL/USD').click();
      await expect(markets.favourite('SOL/USD')).toHaveAttribute('aria-pressed', 'true');
      await page.reload();
      await expect(markets.symbols().first()).toHaveText('SOL/USD');
      await markets.favouritesOnly();
      await expect(markets.symbols()).toHaveText(['SOL/USD']);

      // Kept with the member, not the browser: another browser context (none of this one's storage) sees the same favourite first.
      const otherPage = await asRole('viewer');
      await otherPage.goto('/markets');
      const other = new MarketsPage(otherPage);
      await expect(other.symbols().first()).toHaveText('SOL/USD');
      // the server's HTML renders the star disabled, so a click before hydration is refused visibly, never lost;
      // Playwright's click waits for it to be enabled, as a person would
      const html = await (await otherPage.request.get('/markets')).text();
      expect(html).toMatch(/<button(?=[^>]*aria-label="Favourite SOL\/USD")(?=[^>]*disabled)[^>]*>/);
      await other.favourite('SOL/USD').click();
      await expect(other.favourite('SOL/USD')).toHaveAttribute('aria-pressed', 'false');
      await otherPage.reload();
      await expect(other.favourite('SOL/USD')).toHaveAttribute('aria-pressed', 'false');
    });
  });

  test('/ redirects to /markets and /markets requires a session', async ({ page, asRole }) => {
    await page.goto('/');
    await expect(page).toHaveURL(/\/login/);
    const viewer = await asRole('viewer');
    await viewer.goto('/');
    await expect(viewer).toHaveURL(/\/markets$/);
  });
});

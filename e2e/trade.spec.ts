import { exchangeControl } from './support/desk';
import { expect, test } from './support/fixtures';
import { LoginPage } from './support/pages';
import { TradePage } from './support/trade-pages';

const numeric = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

test.describe('trade page', () => {
  // each test signs in and waits on live data several times; a loaded 2-core machine needs more than 45 s
  test.describe.configure({ timeout: 90_000 });
  test.use({ role: 'viewer' });

  test('shows a live, verified book that changes, trades arriving and candles', async ({ page, tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('BTC/USD');
    await expect(t.status).toHaveText('Live');
    await expect(t.checksum).toHaveText('Checksum verified');
    await expect.poll(() => t.asks.count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => t.bids.count()).toBeGreaterThanOrEqual(10);
    await expect(t.bids.first().locator('td').first()).toHaveText(/^\d{2,3},\d{3}\.\d$/);
    // the canvas over the bids paints cumulative depth bars (growing from the best level down) and the numbers
    // of the rows in view
    const painted = () =>
      t.book.locator('canvas[aria-hidden=true]').nth(1).evaluate((canvas: HTMLCanvasElement) => {
        const ctx = canvas.getContext('2d');
        const rows = canvas.parentElement?.querySelectorAll('tr').length ?? 0;
        if (!ctx || rows === 0 || canvas.width === 0) return { first: 0, last: 0, hidden: 0, priceText: 0 };
        // only the rows the side's scroll box shows are painted: the deepest of those
        const box = canvas.closest('[aria-label=Bids]');
        const inView = Math.min(rows, Math.floor(((box?.clientHeight ?? 0) * rows) / canvas.clientHeight));
        const share = (y: number, from: number, to: number, minAlpha: number) => {
          const line = ctx.getImageData(from, y, to - from, 1).data;
          let hits = 0;
          for (let i = 3; i < line.length; i += 4) if ((line[i] ?? 0) > minAlpha) hits++;
          return hits / (to - from);
        };
        const rowTop = (row: number) => Math.floor((row * canvas.height) / rows) + 1;
        // a row's top pixel line is above its text: only the bar (16% alpha) paints there
        const cover = (row: number) => share(rowTop(row), 0, canvas.width, 0);
        const middle = Math.floor((0.5 * canvas.height) / rows);
        // opaque pixels in the price column's middle line are the best bid's price
        // the deepest row, when the box does not show it, is left blank
        const hidden = inView + 1 < rows ? cover(rows - 1) : 0;
        return { first: cover(0), last: cover(inView - 1), hidden, priceText: share(middle, 0, Math.floor(canvas.width / 3), 128) };
      });
    await expect.poll(async () => (await painted()).last).toBeGreaterThan(0.2);
    const bars = await painted();
    expect(bars.last).toBeGreaterThanOrEqual(bars.first);
    expect(bars.priceText).toBeGreaterThan(0.05);
    expect(bars.hidden).toBe(0);
    const before = await t.bookText();
    await expect.poll(() => t.bookText(), { timeout: 15_000 }).not.toBe(before);
    await expect.poll(() => t.trades.count()).toBeGreaterThan(0);
    await expect(t.trades.first().locator('time')).toHaveText(/^\d{2}:\d{2}:\d{2}$/);
    await expect(t.chart.locator('canvas').first()).toBeVisible();
    await expect(t.chart.locator('[data-field=close]')).toHaveText(/^\d{1,3}(,\d{3})*\.\d$/, { timeout: 15_000 });
    await expect(t.depthChart.locator('canvas')).toBeVisible();
  });

  test('the depth selector subscribes a deeper book and grouping aggregates prices', async ({ page, tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(t.checksum).toHaveText('Checksum verified');
    await t.book.getByLabel('Group').selectOption({ index: 0 });
    await t.book.getByLabel('Depth').selectOption('100');
    await expect.poll(() => t.bids.count(), { timeout: 15_000 }).toBeGreaterThan(25);
    await expect(t.checksum).toHaveText('Checksum verified');
    // a coarser group: every row's price is a multiple of the step, and the book subscribes deeper to keep its rows
    const group = t.book.getByLabel('Group');
    await group.selectOption({ index: 2 });
    const step = Number((await group.locator('option:checked').textContent())!.replace(/,/g, ''));
    const onStep = (prices: number[]) => prices.length > 0 && prices.every((p) => Math.abs(p / step - Math.round(p / step)) < 1e-6);
    await expect.poll(async () => onStep(await t.bids.evaluateAll((rows) => rows.map((r) => Number((r as HTMLElement).dataset.price))))).toBe(true);
    await expect.poll(async () => Number(await t.book.getAttribute('data-subscribed-depth'))).toBeGreaterThan(100);
    await expect(t.book.getByText(/^Grouped from \d+ levels a side$/)).toBeVisible();

    // depth and grouping are the member's saved settings: put the viewer's defaults back for the tests that follow
    const saved = page.waitForResponse((r) => r.url().endsWith('/api/me/settings') && r.request().method() === 'PUT');
    await t.book.getByLabel('Group').selectOption({ index: 0 });
    await t.book.getByLabel('Depth').selectOption('25');
    expect((await saved).ok()).toBe(true);
  });

  test('the last price follows the exchange when its price is moved', async ({ tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(t.status).toHaveText('Live');
    const current = numeric(await t.last.textContent());
    const target = (Math.round(current * 1.1 * 10) / 10).toFixed(1);
    await exchangeControl('price', { symbol: 'BTC/USD', price: target });
    await expect.poll(async () => numeric(await t.last.textContent()), { timeout: 15_000 }).toBeGreaterThan(current * 1.05);
    await expect(t.checksum).toHaveText('Checksum verified');
  });

  test('a dropped feed shows stale, then recovers to live with a verified book', async ({ tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(t.status).toHaveText('Live');
    await expect(t.checksum).toHaveText('Checksum verified');
    await exchangeControl('feed/drop', { refuseMs: 3000 });
    await expect(t.status).toHaveText(/Stale|Resyncing/);
    await expect(t.status).toHaveText('Live', { timeout: 20_000 });
    await expect(t.checksum).toHaveText('Checksum verified');
    await expect.poll(() => t.bids.count()).toBeGreaterThanOrEqual(10);
  });

  test('a corrupted book checksum is caught, the book rebuilt and verified again', async ({ tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(t.checksum).toHaveText('Checksum verified');
    const before = Number(await t.checksum.getAttribute('data-resyncs'));
    await exchangeControl('book/corrupt-checksum', { symbol: 'BTC/USD' });
    await expect.poll(async () => Number(await t.checksum.getAttribute('data-resyncs')), { timeout: 15_000 }).toBeGreaterThan(before);
    await expect(t.checksum).toHaveText('Checksum verified');
    await expect.poll(() => t.bids.count()).toBeGreaterThanOrEqual(10);
  });

  test('signing out in another tab closes the feed and sends this tab to sign in', async ({ newContext }) => {
    // a session of its own, not the suite's shared viewer sign-in: this test ends it
    const context = await newContext();
    const page = await context.newPage();
    await new LoginPage(page).signIn('viewer');
    const t = new TradePage(page);
    await t.open('BTC-USD');
    await expect(t.status).toHaveText('Live');
    const other = await context.newPage();
    await other.goto('/markets');
    await other.getByRole('button', { name: 'Sign out' }).click();
    await expect(other).toHaveURL(/\/login/);
    await expect(page).toHaveURL(/\/login\?next=%2Ftrade%2FBTC-USD$/, { timeout: 15_000 });
  });

  test('an unknown pair is a 404', async ({ tradePage }) => {
    const response = await tradePage.open('NOPE-USD');
    expect(response?.status()).toBe(404);
  });

  test('fits a 360 px wide phone without horizontal overflow', async ({ page, tradePage: t }) => {
    await page.setViewportSize({ width: 360, height: 780 });
    await t.open('BTC-USD');
    await expect.poll(() => t.bids.count()).toBeGreaterThanOrEqual(10);
    await expect.poll(() => t.trades.count()).toBeGreaterThan(0);
    await page.screenshot({ path: test.info().outputPath('trade-360.png'), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('trade page in forced-colours mode', () => {
  test.describe.configure({ timeout: 90_000 });
  test.use({ role: 'viewer', forcedColors: 'active' });

  test('the book is the table\'s own text, kept with every publish, and its canvas is hidden', async ({ tradePage: t }) => {
    await t.open('BTC-USD');
    await expect(t.checksum).toHaveText('Checksum verified');
    await expect(t.book.locator('canvas[aria-hidden=true]').first()).toBeHidden();
    await expect(t.bids.first().locator('td').first()).toHaveText(/^\d{2,3},\d{3}\.\d$/);
    // outside forced colours the text follows the book about once a second; here each sample agrees with the
    // raw price a click would take, which every publish writes
    const samples = await t.bids.first().evaluate(async (row: HTMLElement) => {
      const seen: boolean[] = [];
      for (let i = 0; i < 12; i++) {
        const text = row.querySelector('td')?.textContent ?? '';
        seen.push(Number(text.replace(/,/g, '')) === Number(row.dataset.price));
        await new Promise((done) => setTimeout(done, 100));
      }
      return seen;
    });
    expect(samples.every(Boolean)).toBe(true);
    const before = await t.bookText();
    await expect.poll(() => t.bookText(), { timeout: 15_000 }).not.toBe(before);
  });
});

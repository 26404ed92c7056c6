import { expect, test, type Page } from './support/fixtures';
import { TradePage } from './support/trade-pages';

/** The price chart's controls and legend on /trade/[symbol]. */
function priceChart(page: Page) {
  const region = new TradePage(page).chart;
  const legend = region.getByRole('definition');
  return {
    region,
    interval: (label: string) => region.getByRole('group', { name: 'Interval' }).getByRole('button', { name: label, exact: true }),
    overlay: (label: RegExp) => region.getByRole('group', { name: 'Indicators' }).getByRole('button', { name: label }),
    legendValue: (field: 'open' | 'high' | 'low' | 'close' | 'volume' | 'time') => region.locator(`dd[data-field=${field}]`),
    legend,
  };
}

test.describe('price chart', () => {
  test.use({ role: 'viewer' });
  test('draws candles, switches interval and shows OHLC numbers in the legend', async ({ page }) => {
    await page.goto('/trade/BTC-USD');
    const chart = priceChart(page);
    await expect(chart.region.locator('canvas').first()).toBeVisible();
    await expect(chart.interval('1h')).toHaveAttribute('aria-pressed', 'true');
    await expect(chart.legendValue('close')).toHaveText(/^\d{2,3},\d{3}\.\d$/);

    await chart.interval('5m').click();
    await expect(chart.interval('5m')).toHaveAttribute('aria-pressed', 'true');
    await expect(chart.interval('1h')).toHaveAttribute('aria-pressed', 'false');
    await expect(chart.legendValue('open')).toHaveText(/^\d{2,3},\d{3}\.\d$/);
    const time5m = await chart.legendValue('time').textContent();
    expect(Number(time5m?.slice(-2)) % 5).toBe(0);

    await chart.interval('1h').click();
    await expect(chart.interval('1h')).toHaveAttribute('aria-pressed', 'true');
    await expect(chart.legendValue('time')).toHaveText(/ \d{2}:00$/);
    for (const field of ['open', 'high', 'low', 'close'] as const) {
      await expect(chart.legendValue(field)).toHaveText(/^\d{2,3},\d{3}\.\d$/);
    }
    await expect(chart.legendValue('volume')).toHaveText(/^[\d,]+\.\d{8}$/);
  });

  test('hovering a candle shows that candle in the legend; SMA toggles', async ({ page }) => {
    await page.goto('/trade/BTC-USD');
    const chart = priceChart(page);
    await expect(chart.legendValue('close')).toHaveText(/\d/);
    const latest = await chart.legendValue('time').textContent();
    const box = await chart.region.locator('canvas').first().boundingBox();
    if (!box) throw new Error('chart canvas has no box');
    await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await expect(chart.legendValue('time')).not.toHaveText(latest ?? '');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height + 200);
    await expect(chart.legendValue('time')).toHaveText(latest ?? '');

    await chart.overlay(/^SMA/).click();
    await expect(chart.overlay(/^SMA/)).toHaveAttribute('aria-pressed', 'true');
  });

  test('zooming out to the oldest candle asks for older history', async ({ page }) => {
    await page.goto('/trade/BTC-USD');
    const chart = priceChart(page);
    await expect(chart.legendValue('close')).toHaveText(/\d/);
    const box = await chart.region.locator('canvas').first().boundingBox();
    if (!box) throw new Error('chart canvas has no box');
    const older = page.waitForRequest((r) => r.url().includes('/api/ohlc') && r.url().includes('before='));
    // Zoom out around the newest candles until the view's left edge nears the oldest one. The wheel events are
    // dispatched in the page in one go: real wheel steps cost a browser round trip each.
    await chart.region.locator('canvas').first().evaluate((canvas, at) => {
      for (let i = 0; i < 80; i++) {
        canvas.dispatchEvent(new WheelEvent('wheel', { deltaY: 300, clientX: at.x, clientY: at.y, bubbles: true, cancelable: true }));
      }
    }, { x: box.x + box.width - 90, y: box.y + box.height / 2 });
    const request = await older;
    expect(new URL(request.url()).searchParams.get('interval')).toBe('60');
    expect((await request.response())?.status()).toBe(200);
  });

  test('follows the theme toggle and shows the depth chart', async ({ page }) => {
    await page.goto('/trade/BTC-USD');
    const chart = priceChart(page);
    await expect(chart.legendValue('close')).toHaveText(/\d/);
    // the widest canvas is the plot; its corner shows the chart background
    const background = () =>
      chart.region.locator('canvas').evaluateAll((canvases) => {
        const plot = (canvases as HTMLCanvasElement[]).reduce((a, b) => (b.width > a.width ? b : a));
        const [r, g, b] = plot.getContext('2d')?.getImageData(3, 3, 1, 1).data ?? [];
        return `${r},${g},${b}`;
      });
    await expect.poll(background).toBe('18,23,34');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect.poll(background).toBe('255,255,255');

    const depth = page.getByRole('region', { name: 'Depth chart' });
    await expect(depth.getByRole('img')).toHaveAttribute('aria-label', /\d+ bid levels from [\d,]+\.\d, \d+ ask levels from [\d,]+\.\d/);
  });

  test('fits a 360 px wide screen without horizontal scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/trade/BTC-USD');
    const chart = priceChart(page);
    await expect(chart.region.locator('canvas').first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await chart.region.boundingBox();
    expect(box?.width ?? 0).toBeLessThanOrEqual(360);
  });
});

test.describe('GET /api/ohlc', () => {
  test('answers history to members and clear errors for bad queries', async ({ page, asRole }) => {
    const anonymous = await page.request.get('/api/ohlc?symbol=BTC/USD&interval=60');
    expect(anonymous.status()).toBe(401);

    const viewer = await asRole('viewer');
    const ok = await viewer.request.get('/api/ohlc?symbol=BTC/USD&interval=60');
    expect(ok.status()).toBe(200);
    expect(ok.headers()['cache-control']).toMatch(/^no-store\b/);
    const body = (await ok.json()) as { candles: { time: number; close: string }[]; from: number; complete: boolean; source: string };
    expect(body.source).toBe('ohlc');
    expect(body.candles.length).toBeGreaterThanOrEqual(700);
    expect(body.candles[0]?.close).toMatch(/^\d+\.\d$/);
    const times = body.candles.map((c) => c.time);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(times.every((t) => t % 3600 === 0)).toBe(true);

    const older = await viewer.request.get(`/api/ohlc?symbol=BTC-USD&interval=60&before=${body.from}`);
    expect(older.status()).toBe(200);
    const olderBody = (await older.json()) as { source: string; candles: { time: number }[] };
    expect(olderBody.source).toBe('trades');
    expect(olderBody.candles.every((c) => c.time < body.from)).toBe(true);

    const badInterval = await viewer.request.get('/api/ohlc?symbol=BTC/USD&interval=7');
    expect(badInterval.status()).toBe(400);
    expect(((await badInterval.json()) as { error: { message: string } }).error.message).toMatch(/interval must be one of 1, 5, 15/);

    const badSymbol = await viewer.request.get('/api/ohlc?symbol=BTCUSD&interval=60');
    expect(badSymbol.status()).toBe(400);
    expect(((await badSymbol.json()) as { error: { message: string } }).error.message).toMatch(/symbol must look like BTC\/USD/);

    const unknown = await viewer.request.get('/api/ohlc?symbol=NOPE/USD&interval=60');
    expect(unknown.status()).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('unknown_pair');
  });
});

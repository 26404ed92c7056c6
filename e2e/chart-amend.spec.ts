import { expect, test, type Browser, type Page } from '@playwright/test';
import { exchangeControl, signIn } from './support/desk';
import { cancelViaApi, placeViaApi } from './support/orders-api';
import { OrdersPanel, Ticket } from './support/trade-pages';

/**
 * Dragging an open order's price line on the chart amends it (issue 13): a confirmation with the new
 * price, then the panel's own PATCH carrying only the price; the fat-finger guard asks again; a refused
 * amend puts the line back and says why.
 */

const toast = (page: Page, text: string | RegExp) => page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });
const chartCanvas = (page: Page) => page.getByRole('region', { name: 'Price chart' }).getByRole('img', { name: /^Candles of / });

/** Live last price of the page's pair. */
async function lastPrice(page: Page): Promise<number> {
  const last = page.getByTestId('last-price');
  await expect(last).toHaveText(/\d/);
  return Number((await last.textContent())!.replace(/[^\d.]/g, ''));
}

/**
 * BTC/USD's best ask on the exchange itself: the header's first paint can trail a price that earlier specs moved
 * (a sell priced from it could sit below the bid and fill at the next tick).
 */
async function exchangeAsk(): Promise<number> {
  const base = process.env.E2E_CONTROL_URL!.replace(/\/control$/, '');
  const answer = (await (await fetch(`${base}/0/public/Ticker?pair=XBTUSD`)).json()) as { result: Record<string, { a: [string] }> };
  return Number(Object.values(answer.result)[0]!.a[0]);
}

/**
 * Finds the order lines a mouse can grab: hovers down the chart (in the page, one pixel row after another)
 * and keeps the rows where the pointer turns into the resize cursor. Returns each line's centre (page px).
 */
async function grabbableLines(page: Page): Promise<{ x: number; y: number }[]> {
  const canvas = chartCanvas(page);
  await expect(canvas.locator('canvas').first()).toBeVisible();
  return canvas.evaluate((el: HTMLElement) => {
    const box = el.getBoundingClientRect();
    const x = box.left + box.width * 0.4;
    const hits: number[] = [];
    for (let y = Math.ceil(box.top) + 2; y < box.bottom - 30; y++) {
      el.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: y, bubbles: true }));
      if (el.style.cursor === 'ns-resize') hits.push(y);
    }
    el.dispatchEvent(new MouseEvent('mousemove', { clientX: x, clientY: box.top + 1, bubbles: true }));
    const lines: number[][] = [];
    for (const y of hits) {
      const run = lines[lines.length - 1];
      if (run && y - run[run.length - 1]! <= 1) run.push(y);
      else lines.push([y]);
    }
    return lines.map((run) => ({ x, y: (run[0]! + run[run.length - 1]!) / 2 }));
  });
}

/** The one order line on the chart, once drawn. */
async function theLine(page: Page): Promise<{ x: number; y: number }> {
  let lines: { x: number; y: number }[] = [];
  await expect.poll(async () => (lines = await grabbableLines(page)).length, { timeout: 20_000 }).toBe(1);
  return lines[0]!;
}

async function drag(page: Page, from: { x: number; y: number }, dy: number): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x, from.y + dy / 2, { steps: 4 });
  await page.mouse.move(from.x, from.y + dy, { steps: 4 });
  await page.mouse.up();
}

/**
 * Drags `line` up far enough to propose a price at least `above` and near enough to stay within 2% of it, so
 * the amended line stays on the pane whatever range earlier specs' price moves gave the axis (a spike can make a
 * pixel worth hundreds of dollars). A proposal outside that band is dismissed with Escape and a shorter drag
 * tried. Leaves the "Move this order?" dialog open.
 */
async function dragUpTo(page: Page, line: { x: number; y: number }, above: number): Promise<void> {
  const dialog = page.getByRole('dialog', { name: 'Move this order?' });
  let dy = -60;
  for (let tries = 0; tries < 8 && dy >= -240 && dy <= -2; tries++) {
    await drag(page, line, dy);
    await expect(dialog).toBeVisible();
    const proposed = Number((await dialog.getByTestId('dragged-price').textContent())!.replace(/,/g, ''));
    if (proposed >= above && proposed <= above * 1.02) return;
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    dy = proposed < above ? dy * 2 : Math.round(dy / 2);
  }
  throw new Error(`no drag proposed a price between ${above} and 2% above it`);
}

/** Records PATCH bodies sent to /api/orders/{id}. */
function patchBodies(page: Page): unknown[] {
  const bodies: unknown[] = [];
  page.on('request', (r) => {
    if (r.method() === 'PATCH' && r.url().includes('/api/orders/')) bodies.push(r.postDataJSON());
  });
  return bodies;
}

/** An admin in another browser, signed in once (a fresh sign-in, so changes need no re-auth prompt). */
async function adminPage(browser: Browser): Promise<(path: string, data: unknown) => Promise<void>> {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin');
  const origin = new URL(admin.url()).origin;
  return async (path, data) => {
    const res = await admin.request.put(path, { headers: { origin }, data });
    expect(res.status(), `${path} ${await res.text()}`).toBe(200);
  };
}

async function cancelAll(page: Page): Promise<void> {
  const origin = new URL(page.url()).origin;
  expect((await page.request.post('/api/orders/cancel-all', { headers: { origin }, data: { confirm: true } })).status()).toBe(200);
}

test.describe('drag an order line to amend it', () => {
  // generous: a shared 2-core machine under load takes seconds per navigation (about 30 s each when idle)
  test.describe.configure({ timeout: 240_000 });

  test('an order placed on the trade page is dragged to a new price, confirmed, and amended with only its price', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    await cancelAll(page);
    const price = String(Math.floor((await lastPrice(page)) * 0.996));
    await new Ticket(page).order({ type: 'Limit', price, size: '0.001' });
    const orders = new OrdersPanel(page);
    const panel = orders.region;
    const id = (await (await orders.rowOf(Number(price).toLocaleString('en-US'))).getAttribute('data-order-id'))!;
    // the line's text alternative says it can be dragged and where else to amend
    await expect(page.getByRole('list', { name: 'Your orders on the chart' }).locator(`li[data-order-id="${id}"]`)).toContainText(/Drag its line .* Amend/);

    const bodies = patchBodies(page);
    const line = await theLine(page);
    // Escape leaves the order alone and puts the line back where it was
    await drag(page, line, 40);
    const dialog = page.getByRole('dialog', { name: 'Move this order?' });
    await expect(dialog).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    expect(bodies).toEqual([]);
    // (a few px of tolerance: the price axis may rescale as candles print)
    await expect.poll(async () => (await grabbableLines(page)).map((l) => Math.abs(l.y - line.y) <= 3)).toEqual([true]);

    await drag(page, line, 40);
    const proposed = (await dialog.getByTestId('dragged-price').textContent())!.replace(/,/g, '');
    expect(Number(proposed)).toBeLessThan(Number(price));
    await dialog.getByRole('button', { name: 'Amend price' }).click();
    await expect(toast(page, 'Order amended')).toContainText(`price ${proposed}`);
    const amended = panel.locator(`tr[data-order-id="${id}"]`);
    await expect(amended).toContainText(Number(proposed).toLocaleString('en-US'));
    expect(bodies).toEqual([{ price: proposed }]);
    await cancelViaApi(page, [id]);
  });

  test('a drag over the fat-finger threshold asks for that confirmation; a refused amend snaps the line back with the reason', async ({ page, browser }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    await cancelAll(page);
    // a still market while the sell rests just above it: a drifting price must not fill it mid-test
    await exchangeControl('market/pause', { paused: true });
    const price = String(Math.ceil(Math.max(await lastPrice(page), await exchangeAsk()) * 1.004));
    const [id] = await placeViaApi(page, [{ symbol: 'BTC/USD', side: 'sell', type: 'limit', volume: '0.01', price }]);
    const notional = Number(price) * 0.01;
    const bodies = patchBodies(page);
    const asAdmin = await adminPage(browser);
    try {
      // moving the sell up raises its value above the desk's confirmation threshold
      await asAdmin('/api/desk/thresholds', { confirmNotionalUsd: (notional + 0.5).toFixed(2) });
      const line = await theLine(page);
      // 60 USD more on 0.01 BTC: 0.6 USD of value, past the threshold's 0.5
      await dragUpTo(page, line, Number(price) + 60);
      await page.getByRole('dialog', { name: 'Move this order?' }).getByRole('button', { name: 'Amend price' }).click();
      const fatFinger = page.getByRole('dialog', { name: 'Confirm this amend' });
      await expect(fatFinger).toContainText(/USD threshold/);
      await fatFinger.getByRole('button', { name: 'Confirm amend' }).click();
      await expect(toast(page, 'Order amended')).toBeVisible();
      expect(bodies).toHaveLength(2);
      const [first, second] = bodies as { price: string }[];
      expect(Number(first!.price)).toBeGreaterThan(Number(price));
      expect(second).toEqual({ price: first!.price, confirm: true });

      await expect(page.getByRole('list', { name: 'Your orders on the chart' })).toContainText(`at ${Number(first!.price)}`);
      // the trader's per-order limit now sits just above the order: a further drag up is refused
      await asAdmin('/api/desk/limits/2', { maxOrderUsd: (Number(first!.price) * 0.01 + 0.5).toFixed(2), maxDayUsd: null, allowedPairs: null, allowedTypes: null });
      const moved = await theLine(page);
      await dragUpTo(page, moved, Number(first!.price) + 60);
      await page.getByRole('dialog', { name: 'Move this order?' }).getByRole('button', { name: 'Amend price' }).click();
      await expect(toast(page, 'Amend refused')).toContainText('above your limit');
      await expect.poll(async () => (await grabbableLines(page)).map((l) => Math.abs(l.y - moved.y) <= 3)).toEqual([true]);
    } finally {
      await exchangeControl('market/pause', { paused: false });
      await asAdmin('/api/desk/thresholds', { confirmNotionalUsd: '25000' });
      await asAdmin('/api/desk/limits/2', { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null });
      await cancelViaApi(page, [id!]).catch(() => undefined);
    }
  });
});

/** A finger dragging from `from` by `dy` px: real touch events from the browser (CDP), not mouse ones. */
async function touchDrag(page: Page, from: { x: number; y: number }, dy: number): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const at = (y: number) => [{ x: from.x, y, id: 1 }];
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: at(from.y) });
  for (let step = 1; step <= 8; step++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: at(from.y + (dy * step) / 8) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

test.describe('drag an order line with a finger', () => {
  test.describe.configure({ timeout: 240_000 });
  test.use({ hasTouch: true });

  test('a touch drag on a tablet or phone proposes the new price in the same confirmation and amends the order', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    await cancelAll(page);
    const price = String(Math.floor((await lastPrice(page)) * 0.996));
    const [id] = await placeViaApi(page, [{ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price }]);
    const bodies = patchBodies(page);
    try {
      const line = await theLine(page);
      // a finger that lets go where it started moves nothing: no dialog, the line stays
      await touchDrag(page, line, 0);
      const dialog = page.getByRole('dialog', { name: 'Move this order?' });
      await expect(dialog).toBeHidden();
      const scrolled = await page.evaluate(() => window.scrollY);
      await touchDrag(page, line, 40);
      await expect(dialog).toBeVisible();
      // the finger moved the line, not the page
      expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
      const proposed = (await dialog.getByTestId('dragged-price').textContent())!.replace(/,/g, '');
      expect(Number(proposed)).toBeLessThan(Number(price));
      await dialog.getByRole('button', { name: 'Amend price' }).click();
      await expect(toast(page, 'Order amended')).toContainText(`price ${proposed}`);
      expect(bodies).toEqual([{ price: proposed }]);
      await expect(new OrdersPanel(page).region.locator(`tr[data-order-id="${id}"]`)).toContainText(Number(proposed).toLocaleString('en-US'));
    } finally {
      await cancelViaApi(page, [id!]).catch(() => undefined);
    }
  });
});

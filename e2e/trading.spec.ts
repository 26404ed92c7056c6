import { expect, test, testAs, type Page } from './support/fixtures';
import { getJson, placeViaApi, priceNearMarket } from './support/orders-api';

/**
 * Team trading through the real screens against the built-in exchange: the order ticket on
 * /trade/BTC-USD, /orders, /balances and the admin's limits and desk controls. Tests run in order on
 * one desk, so each one puts back any desk-wide setting it changes. Members arrive signed in (support/fixtures.ts);
 * the sign-in form itself is login.spec.ts's subject.
 */

function ticketOf(page: Page) {
  const region = page.getByRole('region', { name: 'Order ticket' });
  return {
    region,
    async order(o: { side?: 'Buy' | 'Sell'; type: string; size: string; price?: string }) {
      await region.getByRole('button', { name: o.side ?? 'Buy', exact: true }).click();
      await region.getByLabel('Order type').selectOption({ label: o.type });
      if (o.price !== undefined) await region.getByLabel('Limit price').fill(o.price);
      await region.getByRole('textbox', { name: /^Size/ }).fill(o.size);
      await region.getByRole('button', { name: `${o.side ?? 'Buy'} BTC` }).click();
    },
  };
}

/** The live last price of BTC/USD from the trade page header. */
async function lastPrice(page: Page): Promise<number> {
  const last = page.getByTestId('last-price');
  await expect(last).toHaveText(/\d/);
  return Number((await last.textContent())!.replace(/[^\d.]/g, ''));
}

/** A whole-dollar price 10 % under the market: rests on the book, never fills. */
async function restingBuyPrice(page: Page): Promise<string> {
  return String(Math.floor((await lastPrice(page)) * 0.9));
}

const toast = (page: Page, text: string | RegExp) => page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });

test.describe('team trading', () => {
  testAs('trader')('a limit buy below market shows in open orders with its member, is amended, then cancelled', async ({ page }) => {
    test.slow();
    await page.goto('/trade/BTC-USD');
    const price = await restingBuyPrice(page);
    await ticketOf(page).order({ type: 'Limit', price, size: '0.001' });
    await expect(toast(page, 'order placed')).toBeVisible();

    await page.goto('/orders');
    const open = page.getByRole('region', { name: /Open orders/ });
    const row = open.locator('tbody tr').filter({ hasText: 'trader' }).filter({ hasText: Number(price).toLocaleString('en-US') });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('BTC/USD');

    // while editing, the price is an input, so follow the row by its order id
    const orderRow = open.locator(`tr[data-order-id="${await row.getAttribute('data-order-id')}"]`);
    const amended = String(Number(price) - 100);
    await orderRow.getByRole('button', { name: /^Amend / }).click();
    await orderRow.getByLabel('New price').fill(amended);
    await orderRow.getByRole('button', { name: 'Save' }).click();
    await expect(toast(page, 'Order amended')).toBeVisible();
    await expect(orderRow).toContainText(Number(amended).toLocaleString('en-US'));
    await expect(orderRow).toContainText('trader');

    await orderRow.getByRole('button', { name: /^Cancel / }).click();
    await expect(toast(page, 'Order cancelled')).toBeVisible();
    await expect(orderRow).toHaveCount(0);
  });

  testAs('trader')("a trailing stop is amended by size alone, a stop-limit by its limit price, an iceberg by its visible size; only changed fields are sent", async ({ page }) => {
    test.slow();
    const near = (f: number) => priceNearMarket(page, 'BTC-USD', f);
    const [trigger, limit, below] = [await near(1.2), await near(1.21), await near(0.9)];
    const [trailing, stopLimit, iceberg] = await placeViaApi(page, [
      { symbol: 'BTC/USD', side: 'buy', type: 'trailing-stop', volume: '0.001', price: '+500' },
      { symbol: 'BTC/USD', side: 'buy', type: 'stop-loss-limit', volume: '0.001', price: trigger, price2: limit },
      { symbol: 'BTC/USD', side: 'buy', type: 'iceberg', volume: '0.003', price: below, displayVolume: '0.001' },
    ]);
    await page.goto('/orders');
    const open = page.getByRole('region', { name: /Open orders/ });
    const sent = () => page.waitForRequest((r) => r.method() === 'PATCH').then((r) => r.postDataJSON());

    const trail = open.locator(`tr[data-order-id="${trailing}"]`);
    await trail.getByRole('button', { name: /^Amend / }).click();
    await expect(trail.getByLabel('New trailing offset')).toHaveValue('+500');
    await trail.getByLabel('New size').fill('0.002');
    const [trailBody] = await Promise.all([sent(), trail.getByRole('button', { name: 'Save' }).click()]);
    expect(trailBody).toEqual({ volume: '0.002' });
    await expect(toast(page, 'Order amended')).toContainText('size 0.002');
    await expect(trail).toContainText('0.002');

    const stop = open.locator(`tr[data-order-id="${stopLimit}"]`);
    const newLimit = String(Number(limit) + 100);
    await stop.getByRole('button', { name: /^Amend / }).click();
    await stop.getByLabel('New limit price').fill(newLimit);
    const [stopBody] = await Promise.all([sent(), stop.getByRole('button', { name: 'Save' }).click()]);
    expect(stopBody).toEqual({ price2: newLimit });
    await expect(toast(page, 'Order amended').last()).toContainText(`limit ${newLimit}`);
    await expect.poll(async () => {
      const list = await getJson<{ orders: { txid: string; price2: string | null }[] }>(page, '/api/orders?status=open&all=1');
      return Number(list.orders.find((o) => o.txid === stopLimit)?.price2);
    }).toBe(Number(newLimit));

    const ice = open.locator(`tr[data-order-id="${iceberg}"]`);
    await ice.getByRole('button', { name: /^Amend / }).click();
    await ice.getByLabel('New visible size').fill('0.002');
    const [iceBody] = await Promise.all([sent(), ice.getByRole('button', { name: 'Save' }).click()]);
    expect(iceBody).toEqual({ displayVolume: '0.002' });
    await expect(toast(page, 'Order amended').last()).toContainText('visible size 0.002');

    for (const row of [trail, stop, ice]) {
      await row.getByRole('button', { name: /^Cancel / }).click();
      await expect(row).toHaveCount(0);
    }
  });

  testAs('trader')('a market buy fills and the BTC balance grows', async ({ page }) => {
    test.slow();
    const btcBalance = async () => {
      await page.goto('/balances');
      const cell = page.locator('tr[data-asset="BTC"] td').first();
      await expect(cell).toHaveText(/\d/);
      return Number((await cell.textContent())!.replace(/[^\d.]/g, ''));
    };
    const before = await btcBalance();
    await page.goto('/trade/BTC-USD');
    await lastPrice(page);
    await ticketOf(page).order({ type: 'Market', size: '0.01' });
    await expect(toast(page, 'order placed')).toBeVisible();
    await expect.poll(btcBalance, { timeout: 20_000 }).toBeGreaterThan(before + 0.009);
    await expect(page.getByTestId('balances-total')).toHaveText(/\d{1,3}(,\d{3})+\.\d{2} USD/);

    // The fill and its balance movements show in the history, attributed to the member.
    await page.goto('/orders');
    const history = page.getByRole('region', { name: 'History' });
    await history.getByRole('tab', { name: 'Fills' }).click();
    await expect(history.getByRole('row').filter({ hasText: 'BTC/USD' }).filter({ hasText: 'trader' }).first()).toBeVisible({ timeout: 15_000 });
    // the tabs follow the ARIA pattern: the arrow key moves to the next tab and focus goes with it
    await history.getByRole('tab', { name: 'Fills' }).press('ArrowRight');
    await expect(history.getByRole('tab', { name: 'Ledger' })).toBeFocused();
    await expect(history.getByRole('tab', { name: 'Ledger' })).toHaveAttribute('aria-selected', 'true');
    await expect(history.getByRole('row').filter({ hasText: 'trade' }).filter({ hasText: 'BTC' }).first()).toBeVisible({ timeout: 15_000 });
  });

  testAs('viewer')('a viewer sees no ticket and the API refuses their order with 403', async ({ page }) => {
    await page.goto('/trade/BTC-USD');
    await expect(page.getByRole('complementary', { name: 'Trading access' })).toContainText('read-only access');
    await expect(page.getByRole('region', { name: 'Order ticket' })).toHaveCount(0);
    const status = await page.evaluate(async () => {
      const res = await fetch('/api/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ symbol: 'BTC/USD', side: 'buy', type: 'market', volume: '0.001', idempotencyKey: crypto.randomUUID() }),
      });
      return res.status;
    });
    expect(status).toBe(403);
  });

  testAs('trader')("an order over the member's limit is refused with a clear message", async ({ page, asRole }) => {
    test.slow();
    const admin = await asRole('admin');
    const setMaxOrder = async (value: string) => {
      await admin.goto('/admin');
      const limits = admin.getByRole('form', { name: 'Member limits' });
      await limits.getByLabel('Member').selectOption({ label: 'trader' });
      await limits.getByLabel('Max per order (USD)').fill(value);
      await limits.getByRole('button', { name: 'Save limits' }).click();
      await expect(toast(admin, 'Limits saved')).toBeVisible();
    };
    await setMaxOrder('50');
    try {
      await page.goto('/trade/BTC-USD');
      await ticketOf(page).order({ type: 'Limit', price: await restingBuyPrice(page), size: '0.001' });
      await expect(toast(page, 'order not placed')).toContainText('above your limit of 50.00 USD per order');
    } finally {
      await setMaxOrder('');
    }
  });

  testAs('trader')('the fat-finger confirmation appears and is required', async ({ page, asRole }) => {
    test.slow();
    const admin = await asRole('admin');
    const setThreshold = async (usd: string) => {
      await admin.goto('/admin');
      const form = admin.getByRole('form', { name: 'Confirmation thresholds' });
      await form.getByLabel('Confirm above order value (USD)').fill(usd);
      await form.getByRole('button', { name: 'Save thresholds' }).click();
      await expect(toast(admin, 'thresholds saved')).toBeVisible();
    };
    await setThreshold('20');
    try {
      await page.goto('/trade/BTC-USD');
      const price = await restingBuyPrice(page);
      // the server itself refuses an unconfirmed order above the threshold
      const unconfirmed = await page.evaluate(async (p) => {
        const res = await fetch('/api/orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ symbol: 'BTC/USD', side: 'buy', type: 'limit', price: p, volume: '0.001', idempotencyKey: crypto.randomUUID() }),
        });
        return { status: res.status, body: (await res.json()) as { error?: { code?: string } } };
      }, price);
      expect(unconfirmed.status).toBe(409);
      expect(unconfirmed.body.error?.code).toBe('confirmation_required');

      const ticket = ticketOf(page);
      await ticket.order({ type: 'Limit', price, size: '0.001' });
      const dialog = page.getByRole('dialog', { name: 'Confirm this order' });
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Cancel' }).click();
      await expect(dialog).toBeHidden();
      await expect(toast(page, 'order placed')).toHaveCount(0);

      await ticket.region.getByRole('button', { name: 'Buy BTC' }).click();
      await expect(dialog).toBeVisible();
      await dialog.getByRole('button', { name: 'Confirm buy' }).click();
      await expect(toast(page, 'order placed')).toBeVisible();
    } finally {
      await setThreshold('25000');
      await page.goto('/orders');
      const cancelAll = page.getByRole('button', { name: 'Cancel all' });
      if (await cancelAll.isEnabled()) {
        await cancelAll.click();
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel all orders' }).click();
        await expect(toast(page, 'All open orders cancelled')).toBeVisible();
      }
    }
  });

  testAs('trader')('an admin freezes the desk and new orders are refused', async ({ page, asRole }) => {
    test.slow();
    const admin = await asRole('admin');
    await admin.goto('/admin');
    await admin.getByRole('button', { name: 'Freeze desk' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Freeze the desk?' });
    await dialog.getByRole('button', { name: 'Freeze and cancel all orders' }).click();
    await expect(toast(admin, 'Desk frozen')).toBeVisible();
    try {
      await page.goto('/trade/BTC-USD');
      // the preview states the desk's refusal, not only Kraken's dry run (which would accept the order)
      const ticket = ticketOf(page);
      await ticket.region.getByLabel('Limit price').fill(await restingBuyPrice(page));
      await ticket.region.getByRole('textbox', { name: /^Size/ }).fill('0.001');
      await ticket.region.getByRole('button', { name: 'Preview' }).click();
      await expect(ticket.region.getByTestId('preview-desk-check')).toContainText(/frozen/i);
      await ticket.order({ type: 'Limit', price: await restingBuyPrice(page), size: '0.001' });
      await expect(toast(page, 'order not placed')).toContainText(/frozen/i);
    } finally {
      await admin.goto('/admin');
      await admin.getByRole('button', { name: 'Unfreeze desk' }).click();
      await expect(toast(admin, 'Desk unfrozen')).toBeVisible();
    }
  });
});

import { expect, test, type Browser, type Page } from '@playwright/test';
import { signIn } from './support/desk';
import { placeViaApi, priceNearMarket } from './support/orders-api';

/**
 * The page half of the order path's answers (issue 9, items 8 and 10): the toast tells an order's real status
 * right after placing, with Kraken's cancel reason; an amend above the fat-finger threshold shows the server's
 * preview and is resent with `confirm: true`. Needs the server half: POST /api/orders reads the order back
 * (status, reason) and PATCH /api/orders/{id} answers 409 `confirmation_required` with a preview.
 */

const toast = (page: Page, text: string | RegExp) => page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });

async function setThreshold(browser: Browser, usd: string): Promise<void> {
  const admin = await (await browser.newContext()).newPage();
  await signIn(admin, 'admin');
  await admin.goto('/admin');
  const form = admin.getByRole('form', { name: 'Confirmation thresholds' });
  await form.getByLabel('Confirm above order value (USD)').fill(usd);
  await form.getByRole('button', { name: 'Save thresholds' }).click();
  await expect(toast(admin, 'thresholds saved')).toBeVisible();
  await admin.context().close();
}
test('a post-only buy that would take is cancelled by Kraken at once, and the toast says so with the reason', async ({ page }) => {
  test.slow();
  await signIn(page, 'trader');
  const crossing = await priceNearMarket(page, 'BTC-USD', 1.05);
  const ticket = page.getByRole('region', { name: 'Order ticket' });
  await ticket.getByLabel('Order type').selectOption({ label: 'Limit' });
  await ticket.getByLabel('Post-only').check();
  await ticket.getByLabel('Limit price').fill(crossing);
  await ticket.getByRole('textbox', { name: /^Size/ }).fill('0.001');
  await ticket.getByRole('button', { name: 'Buy BTC' }).click();
  const toast = page.getByRole('alert').filter({ hasText: 'order cancelled by Kraken' });
  await expect(toast).toContainText('Kraken: Post only order.');
  await expect(page.getByRole('status').filter({ hasText: 'order placed' })).toHaveCount(0);
});

test('an amend above the fat-finger threshold shows the preview and goes through once confirmed', async ({ page, browser }) => {
  test.slow();
  await signIn(page, 'trader');
  const price = await priceNearMarket(page, 'BTC-USD', 0.9);
  const [txid] = await placeViaApi(page, [{ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.0001', price }]);
  await setThreshold(browser, '50');
  try {
    await page.goto('/orders');
    const row = page.getByRole('region', { name: /Open orders/ }).locator(`tr[data-order-id="${txid}"]`);
    const bodies: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') bodies.push(r.postDataJSON());
    });
    await row.getByRole('button', { name: /^Amend / }).click();
    await row.getByLabel('New size').fill('0.001');
    await row.getByRole('button', { name: 'Save' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm this amend' });
    await expect(dialog).toContainText(/50 USD/);
    await expect(dialog.getByRole('group', { name: 'Order preview' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Confirm amend' }).click();
    await expect(toast(page, 'Order amended')).toContainText('size 0.001');
    expect(bodies).toEqual([{ volume: '0.001' }, { volume: '0.001', confirm: true }]);
  } finally {
    await setThreshold(browser, '25000');
    await page.evaluate((id) => fetch(`/api/orders/${id}`, { method: 'DELETE' }), txid);
  }
});

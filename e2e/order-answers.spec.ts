import { expect, test } from './support/fixtures';
import { placeViaApi } from './support/orders-api';
import { AdminPage, toast } from './support/pages';

/**
 * The page half of the order path's answers (issue 9, items 8 and 10): the toast tells an order's real status
 * right after placing, with Kraken's cancel reason; an amend above the fat-finger threshold shows the server's
 * preview and is resent with `confirm: true`. Needs the server half: POST /api/orders reads the order back
 * (status, reason) and PATCH /api/orders/{id} answers 409 `confirmation_required` with a preview.
 */

test.use({ role: 'trader' });

test('a post-only buy that would take is cancelled by Kraken at once, and the toast says so with the reason', async ({ page, tradePage }) => {
  test.slow();
  await tradePage.open('BTC-USD');
  const crossing = await tradePage.priceNear(1.05);
  await tradePage.ticket.order({ type: 'Limit', postOnly: true, price: crossing, size: '0.001' });
  const cancelled = page.getByRole('alert').filter({ hasText: 'order cancelled by Kraken' });
  await expect(cancelled).toContainText('Kraken: Post only order.');
  await expect(page.getByRole('status').filter({ hasText: 'order placed' })).toHaveCount(0);
});

test('an amend above the fat-finger threshold shows the preview and goes through once confirmed', async ({ page, tradePage, ordersPage, asRole }) => {
  test.slow();
  await tradePage.open('BTC-USD');
  const price = await tradePage.priceNear(0.9);
  const [txid] = await placeViaApi(page, [{ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.0001', price }]);
  const admin = new AdminPage(await asRole('admin'));
  await admin.setConfirmThreshold('50');
  try {
    await ordersPage.open();
    const row = ordersPage.row(txid!);
    const bodies: unknown[] = [];
    page.on('request', (r) => {
      if (r.method() === 'PATCH') bodies.push(r.postDataJSON());
    });
    await ordersPage.amend(row, { 'New size': '0.001' });
    const dialog = page.getByRole('dialog', { name: 'Confirm this amend' });
    await expect(dialog).toContainText(/50 USD/);
    await expect(dialog.getByRole('group', { name: 'Order preview' })).toBeVisible();
    await dialog.getByRole('button', { name: 'Confirm amend' }).click();
    await expect(toast(page, 'Order amended')).toContainText('size 0.001');
    expect(bodies).toEqual([{ volume: '0.001' }, { volume: '0.001', confirm: true }]);
  } finally {
    await admin.setConfirmThreshold('25000');
    await page.evaluate((id) => fetch(`/api/orders/${id}`, { method: 'DELETE' }), txid);
  }
});

import { expect, test } from '@playwright/test';
import { signIn } from './support/desk';
import { priceNearMarket } from './support/orders-api';

/**
 * Issue 9, item 10: the ticket's toast tells the order's real status right after placing. Needs the desk's
 * POST /api/orders answer to carry Kraken's status and reason (lib/orders/place.ts reads the order back).
 */
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

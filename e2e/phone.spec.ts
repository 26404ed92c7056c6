import { expect, test } from '@playwright/test';
import { signIn } from './support/desk';

/** A 360 px phone: no page scrolls sideways (wide tables scroll inside their own box), and the ticket is one tap away. */
test.describe('phone layout (360 px)', () => {
  test.describe.configure({ timeout: 150_000 });
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('no page is wider than the screen', async ({ page }) => {
    await page.goto('/login');
    const overflow = () => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
    const check = async (path: string) => {
      if (path !== '/login') await page.goto(path);
      await page.waitForLoadState('networkidle').catch(() => undefined);
      const { scroll, inner } = await overflow();
      expect(scroll, `${path} is ${scroll}px wide on a ${inner}px screen`).toBeLessThanOrEqual(inner);
    };
    await check('/login');
    await signIn(page, 'admin');
    for (const path of ['/markets', '/trade/BTC-USD', '/orders', '/balances', '/admin', '/admin/key', '/no-such-page']) await check(path);
  });

  test('the Buy/Sell bar opens the ticket as a sheet with that side chosen', async ({ page }) => {
    await signIn(page, 'trader');
    await page.goto('/trade/BTC-USD');
    const ticket = page.getByRole('region', { name: 'Order ticket' });
    await expect(ticket).toBeHidden();
    await page.getByRole('button', { name: 'Sell BTC' }).click();
    await expect(ticket).toBeVisible();
    await expect(ticket.getByRole('button', { name: 'Sell', exact: true })).toHaveAttribute('aria-pressed', 'true');
    const box = (await ticket.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(740 + 1);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(ticket).toBeHidden();
  });
});

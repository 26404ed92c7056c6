import { DEMO_PASSWORD } from './support/desk';
import { expect, test, testAs, type Page } from './support/fixtures';
import { Ticket } from './support/trade-pages';

/** A 360 px phone: no page scrolls sideways (wide tables scroll inside their own box), and the ticket is one tap away. */
test.describe('phone layout (360 px)', () => {
  test.describe.configure({ timeout: 150_000 });
  test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

  test('no page is wider than the screen', async ({ page, loginPage }) => {
    const check = async (on: Page, path: string) => {
      await on.goto(path);
      await on.waitForLoadState('networkidle').catch(() => undefined);
      const { scroll, inner } = await on.evaluate(() => ({ scroll: document.documentElement.scrollWidth, inner: window.innerWidth }));
      expect(scroll, `${path} is ${scroll}px wide on a ${inner}px screen`).toBeLessThanOrEqual(inner);
    };
    // signed out: the sign-in page
    await check(page, '/login');
    await expect(page.getByLabel('Username')).toBeVisible();
    // signing in works on the phone too (this page's own sign-in, not the suite's saved one), then every page
    await loginPage.send('admin', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/markets$/);
    for (const path of ['/markets', '/trade/BTC-USD', '/orders', '/balances', '/admin', '/admin/key', '/no-such-page']) await check(page, path);
  });

  testAs('trader')('the Buy/Sell bar opens the ticket as a sheet with that side chosen', async ({ page, tradePage }) => {
    await tradePage.open('BTC-USD');
    const ticket: Ticket = tradePage.ticket;
    await expect(ticket.region).toBeHidden();
    await page.getByRole('button', { name: 'Sell BTC' }).click();
    await expect(ticket.region).toBeVisible();
    await expect(ticket.side('Sell')).toHaveAttribute('aria-pressed', 'true');
    const box = (await ticket.region.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(740 + 1);
    await page.getByRole('button', { name: 'Close' }).click();
    await expect(ticket.region).toBeHidden();
  });
});

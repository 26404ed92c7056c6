import { expect as baseExpect, test, type Browser, type Page } from '@playwright/test';
import { join } from 'node:path';
import { hashPassword } from '../lib/auth/password';
import { openDatabase } from '../lib/db';
import { DEMO_PASSWORD } from './support/desk';

/**
 * Four eyes through the real screens, two browser contexts against the built-in exchange: trader A's large order
 * waits for approval; trader B sees the header badge, compares the preview then vs now and approves; A sees the
 * decision live and the order in open orders, attributed to A with B as approver. The admin sets the policy on
 * /admin (threshold 100 USD for a small, quick order) and puts the demo's 50,000 back afterwards.
 */
/** Server actions, sign-ins and the live decision share two cores with the exchange and Chromium on CI. */
const expect = baseExpect.configure({ timeout: 30_000 });
const port = Number(process.env.E2E_PORT ?? 3310);
const SECOND_TRADER = 'trader-b';

/** The demo has one trader: a second one is added to the demo's database, as `npm run user -- add` would. */
async function ensureSecondTrader(): Promise<void> {
  const db = openDatabase(join(process.env.E2E_DATA_DIR!, `desk-${port}.sqlite`));
  try {
    if (!(await db.members.findByUsername(SECOND_TRADER))) {
      await db.members.create({ username: SECOND_TRADER, role: 'trader', passwordHash: await hashPassword(DEMO_PASSWORD) });
    }
  } finally {
    await db.close();
  }
}

/** Signs in through the login form; a first sign-in on a busy machine (password hashing, cold routes) may take a while. */
async function as(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/markets$/);
  return page;
}

async function setPolicy(admin: Page, aboveUsd: string): Promise<void> {
  await admin.goto('/admin');
  const form = admin.getByRole('form', { name: 'Approval policy' });
  await form.getByLabel('Approval above order value (USD)').fill(aboveUsd);
  await form.getByRole('button', { name: 'Save approval policy' }).click();
  await expect(admin.getByRole('status').filter({ hasText: 'Approval policy saved.' })).toBeVisible();
}

test('trader A sends a large order → awaiting approval; trader B approves from the badge → placed for A with B as approver', async ({ browser }) => {
  // four sign-ins, two contexts and a live decision: generous on a loaded CI machine, ~20 s on an idle one
  test.setTimeout(480_000);
  await ensureSecondTrader();
  const admin = await as(browser, 'admin');
  await setPolicy(admin, '100');
  try {
    const a = await as(browser, 'trader');
    await a.goto('/trade/BTC-USD');
    const last = a.getByTestId('last-price');
    await expect(last).toHaveText(/\d/);
    const price = String(Math.floor(Number((await last.textContent())!.replace(/[^\d.]/g, '')) * 0.9));
    const ticket = a.getByRole('region', { name: 'Order ticket' });
    await ticket.getByLabel('Order type').selectOption({ label: 'Limit' });
    await ticket.getByLabel('Limit price').fill(price);
    await ticket.getByRole('textbox', { name: /^Size/ }).fill('0.01');
    await ticket.getByRole('button', { name: 'Preview' }).click();
    await expect(ticket.getByTestId('preview-needs-approval')).toContainText('Needs approval (above 100.00 USD)');
    await ticket.getByRole('button', { name: 'Buy BTC' }).click();
    const request = ticket.getByRole('status', { name: 'Approval request' });
    await expect(request).toContainText('Awaiting approval');

    const b = await as(browser, SECOND_TRADER);
    const badge = b.getByRole('button', { name: /^Pending approvals: [1-9]/ });
    await expect(badge).toBeVisible();
    await badge.click();
    const panel = b.getByRole('dialog', { name: 'Pending approvals' });
    const item = panel.getByRole('listitem').filter({ hasText: 'trader' }).filter({ hasText: `@ ${price}` });
    await expect(item).toHaveCount(1);
    await item.getByRole('button', { name: 'Preview now vs then' }).click();
    await expect(item.getByRole('table', { name: 'Preview then and now' })).toContainText('Value (USD)');
    await item.getByRole('button', { name: 'Approve' }).click();
    await expect(item).toHaveCount(0);

    // A's ticket follows the request live (polled every 1.5 s)
    await expect(request).toContainText(`Approved by ${SECOND_TRADER}: order placed`);
    await a.goto('/orders');
    const row = a.getByRole('region', { name: /Open orders/ }).locator('tbody tr').filter({ hasText: `approved by ${SECOND_TRADER}` });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('trader');
    await expect(row).toContainText(Number(price).toLocaleString('en-US'));
    await row.getByRole('button', { name: /Cancel/ }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await setPolicy(admin, '50000');
  }
});

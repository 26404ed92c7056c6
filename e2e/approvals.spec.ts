import { expect as baseExpect, test } from './support/fixtures';
import { ageConfirmation, deskDbPath } from './support/members';
import { hashPassword } from '../lib/auth/password';
import { openDatabase } from '../lib/db';
import { DEMO_PASSWORD } from './support/desk';
import { AdminPage, LoginPage } from './support/pages';
import { OrdersPage, TradePage } from './support/trade-pages';

/**
 * Four eyes through the real screens, two browser contexts against the built-in exchange: trader A's large order
 * waits for approval; trader B sees the header badge, compares the preview then vs now, re-authenticates ("Confirm
 * it's you": B's sign-in is made older than 5 minutes) and approves; A sees the decision live and the order in open orders, attributed to A with B as approver. The admin sets the policy on
 * /admin (threshold 100 USD for a small, quick order) and puts the demo's 50,000 back afterwards.
 */
/** Server actions, sign-ins and the live decision share two cores with the exchange and Chromium on CI. */
const expect = baseExpect.configure({ timeout: 30_000 });
const SECOND_TRADER = 'trader-b';

/** The demo has one trader: a second one is added to the demo's database, as `npm run user -- add` would. */
async function ensureSecondTrader(): Promise<void> {
  const db = openDatabase(deskDbPath());
  try {
    if (!(await db.members.findByUsername(SECOND_TRADER))) {
      await db.members.create({ username: SECOND_TRADER, role: 'trader', passwordHash: await hashPassword(DEMO_PASSWORD) });
    }
  } finally {
    await db.close();
  }
}

test('trader A sends a large order → awaiting approval; trader B approves from the badge → placed for A with B as approver', async ({ asRole, newContext }) => {
  // sign-ins, three contexts and a live decision: generous on a loaded CI machine, ~20 s on an idle one
  test.setTimeout(480_000);
  await ensureSecondTrader();
  const admin = new AdminPage(await asRole('admin'), 30_000);
  await admin.setApprovalPolicy('100');
  try {
    const a = await asRole('trader');
    const trade = new TradePage(a);
    await trade.open('BTC-USD');
    const price = await trade.priceNear(0.9);
    const ticket = trade.ticket;
    await ticket.fill({ type: 'Limit', price, size: '0.01' });
    await ticket.preview();
    await expect(ticket.region.getByTestId('preview-needs-approval')).toContainText('Needs approval (above 100.00 USD)');
    await ticket.send('Buy').click();
    const request = ticket.region.getByRole('status', { name: 'Approval request' });
    await expect(request).toContainText('Awaiting approval');

    const b = await (await newContext()).newPage();
    await new LoginPage(b).signIn(SECOND_TRADER);
    const badge = b.getByRole('button', { name: /^Pending approvals: [1-9]/ });
    await expect(badge).toBeVisible();
    await badge.click();
    const panel = b.getByRole('dialog', { name: 'Pending approvals' });
    const item = panel.getByRole('listitem').filter({ hasText: 'trader' }).filter({ hasText: `@ ${price}` });
    await expect(item).toHaveCount(1);
    await item.getByRole('button', { name: 'Preview now vs then' }).click();
    await expect(item.getByRole('table', { name: 'Preview then and now' })).toContainText('Value (USD)');
    // approving needs a confirmation from the last 5 minutes: B's sign-in is made older, so B re-authenticates
    ageConfirmation(SECOND_TRADER, 6);
    await item.getByRole('button', { name: 'Approve' }).click();
    const confirm = b.getByRole('dialog', { name: "Confirm it's you" });
    await expect(confirm).toBeVisible();
    await confirm.getByLabel('Password').fill(DEMO_PASSWORD);
    await confirm.getByRole('button', { name: 'Confirm' }).click();
    await expect(confirm).toBeHidden();
    await expect(item).toHaveCount(0);

    // A's ticket follows the request live (polled every 1.5 s)
    await expect(request).toContainText(`Approved by ${SECOND_TRADER}: order placed`);
    const orders = new OrdersPage(a);
    await orders.open();
    const row = orders.rows().filter({ hasText: `approved by ${SECOND_TRADER}` });
    await expect(row).toHaveCount(1);
    await expect(row).toContainText('trader');
    await expect(row).toContainText(Number(price).toLocaleString('en-US'));
    await orders.cancel(row);
    await expect(row).toHaveCount(0);
  } finally {
    await admin.setApprovalPolicy('50000');
  }
});

import { expect, test } from '@playwright/test';
import { signIn } from './support/desk';

/** /admin: only admins reach it; members are added, re-roled, disabled (which signs them out at once); audit export. */

const toast = (page: import('@playwright/test').Page, text: string | RegExp) =>
  page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });

test.describe('admin', () => {
  test('a trader gets a 404 for /admin', async ({ page }) => {
    await signIn(page, 'trader');
    const res = await page.goto('/admin');
    expect(res?.status()).toBe(404);
  });

  test('an admin adds a member, changes their role and disabling them ends their session', async ({ page, browser }) => {
    test.slow();
    const username = `ops${Date.now() % 1_000_000}`;
    const password = 'correct-horse-battery';
    await signIn(page, 'admin');
    await page.goto('/admin');
    const add = page.getByRole('form', { name: 'Add member' });
    await add.getByLabel('New username').fill(username);
    await add.getByLabel('First password').fill(password);
    await add.getByLabel('Role').selectOption('trader');
    await add.getByRole('button', { name: 'Add member' }).click();
    await expect(toast(page, `Member ${username} added`)).toBeVisible();
    const row = page.locator(`tr[data-member="${username}"]`);
    await expect(row).toContainText('active');

    const member = await (await browser.newContext()).newPage();
    await signIn(member, username, password);

    await row.getByLabel(`Role of ${username}`).selectOption('viewer');
    await expect(toast(page, 'Role changed to viewer')).toBeVisible();
    await expect(row.getByLabel(`Role of ${username}`)).toHaveValue('viewer');

    await row.getByRole('button', { name: `Disable ${username}` }).click();
    await expect(toast(page, 'Member disabled')).toBeVisible();
    await expect(row).toContainText('disabled');

    // their open page is sent to sign in at once (the desk closed their feed socket) ...
    await expect(member).toHaveURL(/\/login/);
    // ... and the cookie they still hold does not get them back in
    await member.goto('/markets');
    await expect(member).toHaveURL(/\/login/);

    await page.getByRole('link', { name: 'Export CSV' }).waitFor();
    const csv = await page.request.get('/api/audit?format=csv');
    expect(csv.status()).toBe(200);
    const text = await csv.text();
    expect(text).toContain('member.create');
    expect(text).toContain('member.disable');
  });
});

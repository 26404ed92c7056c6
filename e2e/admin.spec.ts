import { expect, test, testAs } from './support/fixtures';
import { LoginPage } from './support/pages';

/** /admin: only admins reach it; members are added, re-roled, disabled (which signs them out at once); audit export. */

test.describe('admin', () => {
  testAs('trader')('a trader gets a 404 for /admin', async ({ page }) => {
    const res = await page.goto('/admin');
    expect(res?.status()).toBe(404);
  });

  testAs('admin')('an admin adds a member, changes their role and disabling them ends their session', async ({ page, adminPage: admin, newContext }) => {
    test.slow();
    const username = `ops${Date.now() % 1_000_000}`;
    const password = 'correct-horse-battery';
    await admin.open();
    await admin.addMember(username, password, 'trader');
    const row = admin.member(username);
    await expect(row).toContainText('active');

    const member = await (await newContext()).newPage();
    await new LoginPage(member).signIn(username, password);

    await admin.setRole(username, 'viewer');
    await expect(admin.roleOf(username)).toHaveValue('viewer');

    await admin.disable(username);
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

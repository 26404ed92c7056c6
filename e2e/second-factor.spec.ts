import { expect, test, type Page } from './support/fixtures';
import { ageConfirmation, deskDbPath } from './support/members';
import { hashPassword } from '../lib/auth/password';
import { base32Decode, totp } from '../lib/auth/totp';
import { openDatabase } from '../lib/db/database';
import { DeskHeader, LoginPage, toast } from './support/pages';

/**
 * Second factor in the browser: a member enrols an authenticator from their security page (the code is computed
 * here from the key the page shows), then signs in with password + code, and once with a recovery code; an
 * admin whose last confirmation is older than 5 minutes is asked to re-authenticate before a sensitive change,
 * and the change goes through once they have. Members are made for this spec so the demo members stay as they are.
 */

async function makeMember(prefix: string, role: 'trader' | 'admin', password: string): Promise<string> {
  const username = `${prefix}${Date.now() % 1_000_000}`;
  const db = openDatabase(deskDbPath());
  try {
    await db.members.create({ username, passwordHash: await hashPassword(password), role });
  } finally {
    await db.close();
  }
  return username;
}

async function passwordStep(page: Page, username: string, password: string) {
  await new LoginPage(page).submit(username, password);
  await expect(page.getByLabel('Authentication code')).toBeVisible();
}

test('enrol TOTP from the security page, then sign in with password and code, and once with a recovery code', async ({ page, loginPage, newContext }) => {
  const password = 'totp-member-password';
  const username = await makeMember('tfa', 'trader', password);
  await loginPage.signIn(username, password);
  await page.getByRole('link', { name: 'Security' }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await page.getByRole('button', { name: 'Set up authenticator' }).click();
  await expect(page.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
  const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  const key = base32Decode(secret);
  await page.getByLabel('Code from the app').fill(totp(key, Date.now()));
  await page.getByRole('button', { name: 'Turn on' }).click();
  const codes = page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  const recovery = (await codes.first().textContent())!.trim();
  await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
  await expect(page.getByText(/On since .* recovery codes left/)).toContainText('10 recovery codes left');
  await new DeskHeader(page).signOut();

  // password alone no longer signs in: the code is asked for, a wrong one is refused
  await passwordStep(page, username, password);
  await page.getByLabel('Authentication code').fill('000000');
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.locator('form').getByRole('alert')).toContainText('That code is not right');
  await expect(page).toHaveURL(/\/login/);
  // the enrolment used this 30 s step's code; the app's next code (inside the ±1 step window) signs in
  await page.getByLabel('Authentication code').fill(totp(key, Date.now() + 30_000));
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page).toHaveURL(/\/markets$/);

  const other = await (await newContext()).newPage();
  await passwordStep(other, username, password);
  await other.getByLabel('Authentication code').fill(recovery);
  await other.getByRole('button', { name: 'Verify' }).click();
  await expect(other).toHaveURL(/\/markets$/);
  await other.getByRole('button', { name: 'Sign out', exact: true }).click();
  await passwordStep(other, username, password);
  await other.getByLabel('Authentication code').fill(recovery);
  await other.getByRole('button', { name: 'Verify' }).click();
  await expect(other.locator('form').getByRole('alert')).toContainText('That code is not right');
});

test('an admin action after the 5-minute window asks to re-authenticate, then goes through', async ({ page, loginPage, adminPage }) => {
  const password = 'reauth-admin-password';
  const username = await makeMember('boss', 'admin', password);
  await loginPage.signIn(username, password);
  await adminPage.open();
  ageConfirmation(username, 6);

  await page.getByRole('form', { name: 'Two-factor requirement' }).getByRole('button', { name: 'Save requirement' }).click();
  const dialog = page.getByRole('dialog', { name: "Confirm it's you" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('Sensitive changes need a confirmation from the last 5 minutes');
  await dialog.getByLabel('Password').fill('not-my-password');
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog.getByRole('alert')).toContainText('That password is not right.');
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await expect(dialog).toBeHidden();
  await expect(toast(page, 'Two-factor sign-in is now optional for every role.')).toBeVisible();

  // the JSON API says the same to scripts: 403 reauth_required, then /api/auth/reauth opens the window
  ageConfirmation(username, 6);
  const headers = { origin: new URL(page.url()).origin, 'content-type': 'application/json' };
  const stale = await page.request.put('/api/desk/thresholds', { headers, data: {} });
  expect(stale.status()).toBe(403);
  expect((await stale.json()).error.code).toBe('reauth_required');
  const reauth = await page.request.post('/api/auth/reauth', { headers, data: { password } });
  expect(reauth.status()).toBe(204);
  expect((await page.request.put('/api/desk/thresholds', { headers, data: {} })).status()).toBe(200);
});

/** The roles the desk requires to enrol, as `npm run user -- require-2fa` sets them. */
async function requireRoles(roles: ('viewer' | 'trader' | 'admin')[]): Promise<void> {
  const db = openDatabase(deskDbPath());
  try {
    await db.secondFactor.setRequiredRoles(roles);
  } finally {
    await db.close();
  }
}

test('a member whose role must enrol is sent to enrolment before anything else, the API included, until they have', async ({ page }) => {
  const password = 'must-enrol-password';
  const username = await makeMember('must', 'trader', password);
  await requireRoles(['trader']);
  try {
    await new LoginPage(page).submit(username, password);
    await expect(page).toHaveURL(/\/account\/security$/, { timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Your desk requires two-factor sign-in for traders' })).toBeVisible();
    await page.goto('/trade/BTC-USD');
    await expect(page).toHaveURL(/\/account\/security$/);
    const api = await page.request.get('/api/approvals/policy');
    expect(api.status()).toBe(403);
    expect((await api.json()).error.code).toBe('second_factor_required');

    await page.getByRole('button', { name: 'Set up authenticator' }).click();
    const key = base32Decode((await page.getByTestId('totp-secret').textContent())!.trim());
    await page.getByLabel('Code from the app').fill(totp(key, Date.now()));
    await page.getByRole('button', { name: 'Turn on' }).click();
    await expect(page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem')).toHaveCount(10);
    await page.getByRole('button', { name: 'I have saved my recovery codes' }).click();
    await page.goto('/markets');
    await expect(page).toHaveURL(/\/markets$/);
    expect((await page.request.get('/api/approvals/policy')).status()).toBe(200);
  } finally {
    await requireRoles([]);
  }
});

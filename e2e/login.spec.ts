import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, signIn } from './support/desk';

test.describe('login, members and sessions', () => {
  test('trader signs in, lands on /markets, signs out, and the desk is closed again', async ({ page }) => {
    await page.goto('/markets');
    await expect(page).toHaveURL(/\/login\?next=%2Fmarkets$/);
    await expect(page.getByRole('heading', { name: 'Kraken Desk' })).toBeVisible();

    await page.getByLabel('Username').fill('trader');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/markets$/);

    const header = page.getByRole('banner');
    await expect(header).toContainText(/Signed in as\s*trader/);
    await expect(header.getByRole('link', { name: 'Markets' })).toHaveAttribute('aria-current', 'page');

    await page.goto('/login');
    await expect(page).toHaveURL(/\/markets$/, { timeout: 10_000 });

    await header.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await page.goto('/markets');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByLabel('Username')).toBeVisible();
  });

  test('a wrong password and an unknown user get the same generic error', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Username').fill('trader');
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.locator('form').getByRole('alert')).toHaveText('Incorrect username or password');
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByLabel('Username')).toHaveValue('trader');

    await page.getByLabel('Username').fill('nobody-here');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The form resets once the answer is in, so the unchanged message below is the new answer.
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(page.getByLabel('Username')).toHaveValue('nobody-here');
    await expect(page.locator('form').getByRole('alert')).toHaveText('Incorrect username or password');

    await signIn(page, 'trader');
  });

  test('repeated failures slow the account down with a message saying how long, never a lockout', async ({ page }) => {
    // An unknown name is throttled exactly like a real one, so this neither locks a demo member nor reveals anything.
    test.setTimeout(120_000);
    await page.goto('/login');
    const alert = page.locator('form').getByRole('alert');
    const attempt = async (password: string) => {
      await page.getByLabel('Username').fill('e2e-lockout');
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByLabel('Password')).toHaveValue('');
      return (await alert.textContent()) ?? '';
    };
    for (let n = 1; n <= 5; n += 1) expect(await attempt(`guess-${n}`)).toBe('Incorrect username or password');
    // The delay doubles with each failure (2 s, 4 s, 8 s…); on a slow machine one attempt may outlast the first,
    // so keep guessing until one arrives inside its delay.
    let answer = '';
    for (let n = 6; n <= 9 && !answer.startsWith('Too many'); n += 1) answer = await attempt(`guess-${n}`);
    const seconds = Number(/^Too many failed attempts\. Try again in (\d+) seconds?\.$/.exec(answer)?.[1]);
    expect(seconds, answer).toBeGreaterThan(0);
    // After the delay the attempt is checked again (answered "incorrect", not "locked").
    await page.waitForTimeout(seconds * 1000 + 500);
    await page.getByLabel('Username').fill('e2e-lockout');
    await page.getByLabel('Password').fill('guess-10');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByLabel('Password')).toHaveValue('');
    await expect(alert).toHaveText('Incorrect username or password');
  });

  test('viewer sees no Admin link; admin does', async ({ page }) => {
    await signIn(page, 'viewer');
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect(nav.getByRole('link', { name: 'Markets' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Orders' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Balances' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, 'admin');
    await expect(nav.getByRole('link', { name: 'Admin' })).toBeVisible();
  });

  test('signing out revokes the session everywhere, not just in this browser', async ({ browser }) => {
    const first = await browser.newContext();
    const page = await first.newPage();
    await signIn(page, 'viewer');
    const stolen = await first.cookies();
    expect(stolen.map((c) => c.name)).toContain('kd_session');

    const second = await browser.newContext();
    await second.addCookies(stolen);
    const copy = await second.newPage();
    await copy.goto('/markets');
    await expect(copy).toHaveURL(/\/markets$/);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login$/);
    await copy.goto('/markets');
    await expect(copy).toHaveURL(/\/login/);
    await first.close();
    await second.close();
  });

  test('the theme toggle switches and remembers light and dark', async ({ page }) => {
    await signIn(page, 'viewer');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(html).toHaveAttribute('data-theme', 'light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await expect(html).toHaveAttribute('data-theme', 'dark');
  });

  test('skip link and header controls are reachable by keyboard', async ({ page }) => {
    await signIn(page, 'viewer');
    await page.reload();
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('main#main')).toBeFocused();
  });

  test('signed in, /login?next= never redirects off-site, however the path is dressed up', async ({ page }) => {
    await signIn(page, 'viewer');
    for (const next of ['%2F.%2F%2Fevil.example%2Fphish', '%2F..%2F%2Fevil.example%2Fphish', '%2F%252e%2F%2Fevil.example%2Fphish', '%2F.%2F%5Cevil.example']) {
      const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
      expect(response.status(), next).toBe(307);
      expect(response.headers().location, next).toBe('/markets');
    }
    const ok = await page.request.get('/login?next=%2Forders', { maxRedirects: 0 });
    expect(ok.headers().location).toBe('/orders');
  });
});

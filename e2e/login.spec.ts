import { DEMO_PASSWORD } from './support/desk';
import { expect, test } from './support/fixtures';
import { DeskHeader, LoginPage } from './support/pages';

test.describe('login, members and sessions', () => {
  test('trader signs in, lands on /markets, signs out, and the desk is closed again', async ({ page, loginPage, header }) => {
    await page.goto('/markets');
    await expect(page).toHaveURL(/\/login\?next=%2Fmarkets$/);
    await expect(page.getByRole('heading', { name: 'Kraken Desk' })).toBeVisible();

    await loginPage.send('trader', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/markets$/);

    await expect(header.banner).toContainText(/Signed in as\s*trader/);
    await expect(header.banner.getByRole('link', { name: 'Markets' })).toHaveAttribute('aria-current', 'page');

    await page.goto('/login');
    await expect(page).toHaveURL(/\/markets$/, { timeout: 10_000 });

    await header.signOut();
    await page.goto('/markets');
    await expect(page).toHaveURL(/\/login/);
    await expect(loginPage.username).toBeVisible();
  });

  test('a wrong password and an unknown user get the same generic error', async ({ page, loginPage }) => {
    await loginPage.submit('trader', 'not-the-password');
    await expect(loginPage.alert).toHaveText('Incorrect username or password');
    await expect(page).toHaveURL(/\/login$/);
    await expect(loginPage.username).toHaveValue('trader');

    await loginPage.send('nobody-here', DEMO_PASSWORD);
    // The form resets once the answer is in, so the unchanged message below is the new answer.
    await expect(loginPage.password).toHaveValue('');
    await expect(loginPage.username).toHaveValue('nobody-here');
    await expect(loginPage.alert).toHaveText('Incorrect username or password');

    await loginPage.signIn('trader');
  });

  test('repeated failures slow the account down with a message saying how long, never a lockout', async ({ page, loginPage }) => {
    // An unknown name is throttled exactly like a real one, so this neither locks a demo member nor reveals anything.
    test.setTimeout(120_000);
    await loginPage.open();
    const attempt = async (password: string) => {
      await loginPage.send('e2e-lockout', password);
      await expect(loginPage.password).toHaveValue('');
      return (await loginPage.alert.textContent()) ?? '';
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
    await loginPage.send('e2e-lockout', 'guess-10');
    await expect(loginPage.password).toHaveValue('');
    await expect(loginPage.alert).toHaveText('Incorrect username or password');
  });

  test('viewer sees no Admin link; admin does', async ({ asRole }) => {
    const viewer = await asRole('viewer');
    await viewer.goto('/markets');
    const nav = new DeskHeader(viewer).nav;
    await expect(nav.getByRole('link', { name: 'Markets' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Orders' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Balances' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Admin' })).toHaveCount(0);

    const admin = await asRole('admin');
    await admin.goto('/markets');
    await expect(new DeskHeader(admin).nav.getByRole('link', { name: 'Admin' })).toBeVisible();
  });

  test('signing out revokes the session everywhere, not just in this browser', async ({ newContext }) => {
    // a session of its own, not the suite's shared viewer sign-in: this test ends it
    const page = await (await newContext()).newPage();
    await new LoginPage(page).signIn('viewer');
    const stolen = await page.context().cookies();
    expect(stolen.map((c) => c.name)).toContain('kd_session');

    const second = await newContext();
    await second.addCookies(stolen);
    const copy = await second.newPage();
    await copy.goto('/markets');
    await expect(copy).toHaveURL(/\/markets$/);

    await new DeskHeader(page).signOut();
    await copy.goto('/markets');
    await expect(copy).toHaveURL(/\/login/);
  });

  test.describe('signed in as viewer', () => {
    test.use({ role: 'viewer' });

    test('the theme toggle switches and remembers light and dark', async ({ page }) => {
      await page.goto('/markets');
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
      await page.goto('/markets');
      await page.keyboard.press('Tab');
      const skip = page.getByRole('link', { name: 'Skip to content' });
      await expect(skip).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(page.locator('main#main')).toBeFocused();
    });

    test('signed in, /login?next= never redirects off-site, however the path is dressed up', async ({ page }) => {
      for (const next of ['%2F.%2F%2Fevil.example%2Fphish', '%2F..%2F%2Fevil.example%2Fphish', '%2F%252e%2F%2Fevil.example%2Fphish', '%2F.%2F%5Cevil.example']) {
        const response = await page.request.get(`/login?next=${next}`, { maxRedirects: 0 });
        expect(response.status(), next).toBe(307);
        expect(response.headers().location, next).toBe('/markets');
      }
      const ok = await page.request.get('/login?next=%2Forders', { maxRedirects: 0 });
      expect(ok.headers().location).toBe('/orders');
    });
  });
});

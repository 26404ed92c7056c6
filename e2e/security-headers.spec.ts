import { createServer, type Server } from 'node:http';
import { expect, test, testAs } from './support/fixtures';

/** Security headers, framing, CSP and server-action Origin checks against the real desk. */

function expectSecurityHeaders(headers: Record<string, string>, what: string) {
  expect(headers['x-frame-options'], what).toBe('DENY');
  expect(headers['x-content-type-options'], what).toBe('nosniff');
  expect(headers['referrer-policy'], what).toBe('strict-origin-when-cross-origin');
  expect(headers['strict-transport-security'], `${what}: no HSTS on a plain-http desk`).toBeUndefined();
}

test.describe('security headers', () => {
  test('pages carry a nonce CSP with frame-ancestors none; API answers carry the same headers', async ({ request }) => {
    const page = await request.get('/login');
    const headers = page.headers();
    expectSecurityHeaders(headers, '/login');
    const csp = headers['content-security-policy'] ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    const html = await page.text();
    expect(html).toContain(`nonce="${nonce}"`);
    expect((await request.get('/login')).headers()['content-security-policy']).not.toContain(`nonce-${nonce}`);

    for (const path of ['/api/health', '/api/orders']) {
      const api = await request.get(path);
      expectSecurityHeaders(api.headers(), path);
      expect(api.headers()['content-security-policy'], path).toContain("frame-ancestors 'none'");
    }
  });

  test.describe('framing', () => {
    let foreign: Server;
    let foreignUrl = '';
    test.beforeAll(async () => {
      foreign = createServer((req, res) => {
        const target = decodeURIComponent((req.url ?? '/').slice(1));
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><iframe id="desk" src="${target}" width="800" height="600"></iframe>`);
      });
      await new Promise<void>((resolve) => foreign.listen(0, '127.0.0.1', resolve));
      const address = foreign.address();
      foreignUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    test.afterAll(() => new Promise<void>((resolve) => foreign.close(() => resolve())));

    testAs('admin')('a signed-in admin page does not render inside a foreign page', async ({ page, baseURL }) => {
      const refusals: string[] = [];
      page.on('console', (message) => {
        if (/frame-ancestors|X-Frame-Options/i.test(message.text())) refusals.push(message.text());
      });
      await page.goto(`${foreignUrl}/${encodeURIComponent(`${baseURL}/admin`)}`);
      await expect.poll(() => refusals.length, { message: 'the browser reports the refused frame' }).toBeGreaterThan(0);
      const frame = page.frames().find((f) => f !== page.mainFrame());
      expect(frame).toBeDefined();
      await expect(frame!.getByRole('heading')).toHaveCount(0);
    });
  });

  test('the trade page hydrates, draws its chart and opens the feed with no CSP violation', async ({ page, loginPage, tradePage }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(`pageerror: ${error.message}`));
    // signed in through the form: the sign-in and markets pages are held to the CSP too
    await loginPage.signIn('trader');
    await tradePage.open('BTC-USD');
    await expect(tradePage.chart.locator('canvas').first()).toBeVisible();
    await expect(tradePage.asks.first()).toBeVisible({ timeout: 20_000 });
    // The book only moves through the /ws feed, so a change proves the socket connected under the CSP.
    const before = await tradePage.bookText();
    await expect.poll(() => tradePage.bookText(), { timeout: 20_000 }).not.toBe(before);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Orders' }).click();
    await expect(page).toHaveURL(/\/orders/);
    expect(violations).toEqual([]);
  });
});

test.describe('server actions from another origin', () => {
  test('a foreign or missing Origin is refused with 403 cross_origin, not a 500', async ({ request, baseURL }) => {
    const html = await (await request.get('/login')).text();
    const actionId = /\$ACTION_ID_([0-9a-f]+)/.exec(html)?.[1] ?? '7f00000000000000000000000000000000000000';
    const post = (origin?: string) => request.post('/login', {
      headers: { 'next-action': actionId, 'content-type': 'text/plain;charset=UTF-8', accept: 'text/x-component', ...(origin ? { origin } : {}) },
      data: '[]',
    });
    for (const origin of ['http://evil.example', undefined]) {
      const response = await post(origin);
      expect(response.status(), String(origin)).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: 'cross_origin' } });
    }
    expect((await post(baseURL)).status(), 'the desk\'s own origin still reaches the action').not.toBe(403);
  });

  testAs('admin')('a forged server-action POST carrying a member\'s cookie is refused and audited for that member', async ({ page }) => {
    const forged = await page.request.post('/admin', {
      headers: { 'next-action': '7f00000000000000000000000000000000000000', origin: 'http://evil.example', 'content-type': 'text/plain;charset=UTF-8' },
      data: '[]',
    });
    expect(forged.status()).toBe(403);
    const audit = (await (await page.request.get('/api/audit?limit=200')).json()) as { rows: { actor: string; action: string; outcome: string; detail: string }[] };
    const row = audit.rows.find((r) => r.action === 'server action /admin' && r.actor === 'admin');
    expect(row?.outcome).toBe('refused');
    expect(JSON.parse(row!.detail)).toMatchObject({ reason: 'cross_origin', origin: 'http://evil.example', count: 1 });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, testAs } from './support/fixtures';

/**
 * /admin/key against the demo's own built-in exchange. Its key is started without EXCHANGE_API_KEY_PERMISSIONS,
 * so it has every Kraken permission — withdrawals included, like a real key created with "select all" — and no
 * IP allow-list: both must be flagged red. The key shows only as a prefix, the secret never.
 */

function demoKey(): { key: string; secret: string } {
  const dataDir = process.env.E2E_DATA_DIR!;
  const exchangePort = Number(process.env.E2E_CONTROL_URL!.match(/:(\d+)\//)![1]);
  return JSON.parse(readFileSync(join(dataDir, `exchange-${exchangePort}`, 'demo-api-key.json'), 'utf8')) as { key: string; secret: string };
}

test.describe('key health', () => {
  testAs('admin')('an admin opens key health from /admin and sees the withdraw warning with what to change', async ({ page, adminPage }) => {
    await adminPage.open();
    await page.getByRole('link', { name: /Kraken key health/ }).click();
    await expect(page).toHaveURL(/\/admin\/key$/);
    await expect(page.getByRole('heading', { name: 'Key health' })).toBeVisible();
    const findings = page.getByRole('list', { name: 'Findings' });
    const withdraw = findings.locator('li[data-severity="danger"]', { hasText: 'The key can move funds' });
    await expect(withdraw).toBeVisible();
    await expect(withdraw).toContainText('Withdraw Funds');
    await expect(withdraw).toContainText('On Kraken, edit this key and untick');
    await expect(findings.locator('li[data-severity="danger"]', { hasText: 'No IP allow-list' })).toBeVisible();
    await expect(page.getByText(/Signed round trip/)).toBeVisible();

    const { key, secret } = demoKey();
    const html = await page.content();
    expect(html).toContain(`${key.slice(0, 6)}…`);
    expect(html).not.toContain(key);
    expect(html).not.toContain(secret);
  });

  testAs('trader')('a trader gets a 404 for /admin/key and a 403 from GET /api/desk/key', async ({ page }) => {
    expect((await page.goto('/admin/key'))?.status()).toBe(404);
    expect((await page.request.get('/api/desk/key')).status()).toBe(403);
  });

  testAs('admin')('an admin gets the report from GET /api/desk/key, without the key or secret', async ({ page }) => {
    const res = await page.request.get('/api/desk/key');
    expect(res.status()).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as { status: string; assessment: { readOnly: boolean; findings: { severity: string; title: string }[] } };
    expect(body.status).toBe('ok');
    expect(body.assessment.readOnly).toBe(false);
    expect(body.assessment.findings.some((f) => f.severity === 'danger' && f.title.includes('Withdraw Funds'))).toBe(true);
    const { key, secret } = demoKey();
    expect(text).not.toContain(key);
    expect(text).not.toContain(secret);
  });
});

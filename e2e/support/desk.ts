import { expect, type Page } from '@playwright/test';
import { assertLoopbackTarget } from './loopback';

export const DEMO_PASSWORD = 'kraken-demo';

/** Signs in through the real login form and waits for the markets page. */
export async function signIn(page: Page, username: 'admin' | 'trader' | 'viewer' | string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  // a password hash on a busy shared CI machine can take longer than the default expect timeout
  await expect(page).toHaveURL(/\/markets$/, { timeout: 30_000 });
}

/**
 * Drives the built-in exchange's loopback control endpoints (move price, drop feed, faults…); `base` picks
 * the next-start desk's exchange (E2E_NEXT_CONTROL_URL) instead of the demo's.
 */
export async function exchangeControl(path: string, body?: unknown, base = process.env.E2E_CONTROL_URL): Promise<unknown> {
  if (!base) throw new Error('the exchange control URL is not set (playwright.config.ts sets E2E_CONTROL_URL and E2E_NEXT_CONTROL_URL)');
  assertLoopbackTarget(base);
  const res = await fetch(`${base}/${path.replace(/^\//, '')}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control ${path} → HTTP ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

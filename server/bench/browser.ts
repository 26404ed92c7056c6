import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { existsSync } from 'node:fs';

/** Debian's chromium when present (no browser downloads offline), Playwright's own elsewhere. */
export async function launchBrowser(): Promise<Browser> {
  const executablePath =
    process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  return chromium.launch({
    ...(executablePath ? { executablePath } : {}),
    args: ['--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'],
  });
}

export async function signInPage(page: Page, origin: string, username: string, password = 'kraken-demo'): Promise<void> {
  await page.goto(`${origin}/login`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/markets/);
}

/**
 * A browser context whose waits are bounded generously: on a shared 2-core machine at a high load a
 * sign-in or a page load takes far longer than Playwright's 30 s default, and a bench that gives up
 * measures nothing. The measurements themselves never depend on these bounds.
 */
export async function benchContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(120_000);
  context.setDefaultNavigationTimeout(180_000);
  return context;
}

import { test as base, expect, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { LoginPage, MarketsPage } from './pages';

/**
 * The e2e suite's Playwright fixtures. Every spec imports `test` and `expect` from here:
 * - a guard (automatic) that refuses to run against anything but this machine, and fails a test whose page
 *   reached for a non-loopback host (the suite drives a desk with a paper account; nothing leaves 127.0.0.1);
 * - `asRole(role)`: a page already signed in as the demo admin, trader or viewer, from a per-role
 *   storageState saved once per worker (and refreshed when a test revoked that member's sessions);
 * - page objects for the pages specs drive (support/pages.ts).
 */
export type Role = 'admin' | 'trader' | 'viewer';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopbackUrl(url: string): boolean {
  try {
    const { protocol, hostname } = new URL(url);
    if (!/^(https?|wss?):$/.test(protocol)) return true; // data:, blob:, about: never leave the machine
    return LOOPBACK.has(hostname) || hostname.startsWith('127.');
  } catch {
    return false;
  }
}

/** Refuses a target other than this machine before any test talks to it. */
export function assertLoopbackTarget(url: string | undefined): void {
  if (!url || !isLoopbackUrl(url)) throw new Error(`e2e refuses to run against ${url ?? '(no baseURL)'}: only 127.0.0.1 / localhost / ::1`);
}

interface Fixtures {
  loopbackGuard: void;
  asRole: (role: Role) => Promise<Page>;
  loginPage: LoginPage;
  marketsPage: MarketsPage;
}

interface WorkerFixtures {
  roleStates: (role: Role, browser: Browser, baseURL: string, refresh?: boolean) => Promise<string>;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  loopbackGuard: [async ({ baseURL, context }, use) => {
    assertLoopbackTarget(baseURL);
    const outside: string[] = [];
    context.on('request', (request) => {
      if (!isLoopbackUrl(request.url())) outside.push(request.url());
    });
    await use();
    expect(outside, 'requests to hosts other than this machine').toEqual([]);
  }, { auto: true }],

  roleStates: [async ({}, use, workerInfo) => {
    const dir = join(workerInfo.project.outputDir, '.auth');
    mkdirSync(dir, { recursive: true });
    const saved = new Map<Role, string>();
    await use(async (role, browser, baseURL, refresh = false) => {
      const known = saved.get(role);
      if (known && !refresh) return known;
      const context = await browser.newContext({ baseURL });
      const page = await context.newPage();
      await new LoginPage(page).signIn(role);
      const file = join(dir, `${role}.json`);
      await context.storageState({ path: file });
      await context.close();
      saved.set(role, file);
      return file;
    });
  }, { scope: 'worker' }],

  asRole: async ({ browser, baseURL, roleStates }, use) => {
    const opened: Page[] = [];
    await use(async (role) => {
      assertLoopbackTarget(baseURL);
      const open = async (refresh: boolean) => {
        const context = await browser.newContext({ baseURL, storageState: await roleStates(role, browser, baseURL as string, refresh) });
        const page = await context.newPage();
        await page.goto('/markets');
        return page;
      };
      let page = await open(false);
      // another test signed this member out (every cookie revoked): sign in again and keep the new state
      if (/\/login/.test(page.url())) {
        await page.context().close();
        page = await open(true);
      }
      await expect(page).toHaveURL(/\/markets$/);
      opened.push(page);
      return page;
    });
    for (const page of opened) await page.context().close();
  },

  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  marketsPage: async ({ page }, use) => use(new MarketsPage(page)),
});

export { expect };

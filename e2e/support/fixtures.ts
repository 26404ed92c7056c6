import { test as base, expect, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from '@playwright/test';
import { existsSync, mkdirSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_PASSWORD } from './desk';
import { assertLoopbackTarget, isLoopbackUrl } from './loopback';
import { AdminPage, DeskHeader, LoginPage, MarketsPage } from './pages';
import { OrdersPage, TradePage } from './trade-pages';

/**
 * The e2e suite's Playwright fixtures. Specs import `test` and `expect` from here:
 * - `test.use({ role: 'trader' })`: the test's `page` is already signed in as that demo member, from a
 *   storageState made by one real sign-in and reused by every test of the run (`roleState` below);
 * - `testAs(role)(title, fn)`: the same for one test among tests of other roles;
 * - `asRole(role)`: another signed-in page, in a browser context of its own (two members at once);
 * - `newContext()`: a signed-out context on the test's device, watched by the loopback guard and closed after the test;
 * - a guard (automatic) that refuses a non-loopback baseURL before the test starts, and fails a test whose
 *   pages reached for any host but this machine (the demo's Chromium also cannot resolve other names:
 *   playwright.config.ts maps them to nothing);
 * - page objects bound to `page` (support/pages.ts, support/trade-pages.ts).
 */
export type Role = 'admin' | 'trader' | 'viewer';

/**
 * A saved sign-in is confirmed again (re-authenticated) once it is this old: admin changes ask a member whose
 * sign-in is older than 5 minutes to confirm it is them, so a shared state must stay well younger than that.
 */
const STATE_MAX_AGE_MS = 3 * 60_000;

/** No cookies, no storage: a context that is signed out even when the running test's `page` is signed in. */
const SIGNED_OUT = { cookies: [], origins: [] };

interface Fixtures {
  /** the demo member `page` is signed in as; undefined: signed out */
  role: Role | undefined;
  loopbackGuard: void;
  asRole: (role: Role) => Promise<Page>;
  newContext: (options?: BrowserContextOptions) => Promise<BrowserContext>;
  loginPage: LoginPage;
  header: DeskHeader;
  marketsPage: MarketsPage;
  tradePage: TradePage;
  ordersPage: OrdersPage;
  adminPage: AdminPage;
}

interface WorkerFixtures {
  /** The path of a valid storageState for `role` on this project's desk (signs in when there is none yet). */
  roleState: (role: Role) => Promise<string>;
}

/** Fails the test (at its end) for every request or socket a context's pages sent off this machine. */
function watch(context: BrowserContext, outside: string[]): void {
  context.on('request', (request) => {
    if (!isLoopbackUrl(request.url())) outside.push(request.url());
  });
  context.on('page', (page) => page.on('websocket', (ws) => {
    if (!isLoopbackUrl(ws.url())) outside.push(ws.url());
  }));
}

export const test = base.extend<Fixtures & { outside: string[] }, WorkerFixtures>({
  role: [undefined, { option: true }],
  outside: async ({}, use) => use([]),

  roleState: [async ({ browser, playwright }, use, workerInfo) => {
    const baseURL = workerInfo.project.use.baseURL;
    assertLoopbackTarget(baseURL);
    // one folder per run (E2E_DATA_DIR is made per run by playwright.config.ts) and per desk: a restarted worker
    // reuses the states the previous one saved
    const dir = join(process.env.E2E_DATA_DIR ?? tmpdir(), 'e2e-auth', workerInfo.project.name);
    mkdirSync(dir, { recursive: true });
    const signIn = async (role: Role, file: string) => {
      // explicitly signed out: a context made while a test runs takes that test's options, its storageState included
      const context = await browser.newContext({ baseURL, storageState: SIGNED_OUT });
      await new LoginPage(await context.newPage()).signIn(role);
      await context.storageState({ path: file });
      await context.close();
    };
    /**
     * Asks the desk whether it still takes the saved cookie (a test may have signed that session out); a state
     * older than STATE_MAX_AGE_MS confirms the password again (POST /api/auth/reauth, what the "confirm it's you"
     * dialog sends), which renews the sign-in's age for admin changes without a new sign-in.
     */
    const renewed = async (file: string) => {
      const api = await playwright.request.newContext({ baseURL, storageState: file });
      try {
        if (Date.now() - statSync(file).mtimeMs < STATE_MAX_AGE_MS) return (await api.get('/api/me/settings')).ok();
        const answer = await api.post('/api/auth/reauth', { headers: { origin: new URL(baseURL!).origin }, data: { password: DEMO_PASSWORD } });
        if (answer.status() !== 204) return false;
        const now = new Date();
        utimesSync(file, now, now);
        return true;
      } finally {
        await api.dispose();
      }
    };
    await use(async (role) => {
      const file = join(dir, `${role}.json`);
      if (existsSync(file) && (await renewed(file))) return file;
      // a sign-in through the form is setup, not the test's own work: it gets its own time
      const info = base.info();
      info.setTimeout(info.timeout + 30_000);
      await signIn(role, file);
      return file;
    });
  }, { scope: 'worker' }],

  storageState: async ({ role, storageState, roleState }, use) => {
    await use(role ? await roleState(role) : storageState);
  },

  loopbackGuard: [async ({ baseURL, context, outside }, use) => {
    assertLoopbackTarget(baseURL);
    watch(context, outside);
    await use();
    expect(outside, 'requests to hosts other than this machine').toEqual([]);
  }, { auto: true }],

  newContext: async ({ browser, baseURL, outside, contextOptions, viewport, isMobile, hasTouch, userAgent, deviceScaleFactor }, use) => {
    const opened: BrowserContext[] = [];
    await use(async (options = {}) => {
      const target = options.baseURL ?? baseURL;
      assertLoopbackTarget(target);
      // the same device as the test's own page (a phone spec's second member is on a phone too)
      const device = { viewport, isMobile, hasTouch, userAgent, deviceScaleFactor };
      const context = await browser.newContext({ ...contextOptions, ...device, storageState: SIGNED_OUT, ...options, baseURL: target });
      watch(context, outside);
      opened.push(context);
      return context;
    });
    for (const context of opened) await context.close();
  },

  asRole: async ({ newContext, roleState }, use) => {
    await use(async (role) => {
      // roleState checked the desk still takes this sign-in; the caller opens the page it needs
      return (await newContext({ storageState: await roleState(role) })).newPage();
    });
  },

  loginPage: async ({ page }, use) => use(new LoginPage(page)),
  header: async ({ page }, use) => use(new DeskHeader(page)),
  marketsPage: async ({ page }, use) => use(new MarketsPage(page)),
  tradePage: async ({ page }, use) => use(new TradePage(page)),
  ordersPage: async ({ page }, use) => use(new OrdersPage(page)),
  adminPage: async ({ page }, use) => use(new AdminPage(page)),
});

const byRole = new Map<Role, typeof test>();

/**
 * `test`, with `page` signed in as `role`, for one test among others of other roles (keeps the file's order):
 * `testAs('trader')('a trader gets a 404', async ({ page }) => …)`. A whole describe block uses
 * `test.use({ role })` instead.
 */
export function testAs(role: Role): typeof test {
  let bound = byRole.get(role);
  if (!bound) byRole.set(role, (bound = test.extend({ role })));
  return bound;
}

export { expect };
export type { Browser, Page };

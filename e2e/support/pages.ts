import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './desk';

/**
 * Page objects: what a spec does on a page, named as a person would say it; selectors live here only.
 * The trading screens (trade page, ticket, orders) are in support/trade-pages.ts.
 */

/** A toast (status or alert) whose text matches. */
export function toast(page: Page, text: string | RegExp): Locator {
  return page.getByRole('status').or(page.getByRole('alert')).filter({ hasText: text });
}

export class LoginPage {
  readonly username: Locator;
  readonly password: Locator;
  /** the form's error message (wrong password, throttled) */
  readonly alert: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.alert = page.locator('form').getByRole('alert');
  }

  async open(): Promise<void> {
    await this.page.goto('/login');
  }

  /**
   * Signs in through the real form and waits for the markets page: a new session of its own. A first sign-in
   * on a busy machine (password hashing, cold routes) may take a while.
   */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.open();
    await this.send(username, password);
    await expect(this.page).toHaveURL(/\/markets$/, { timeout: 30_000 });
  }

  /** Fills and sends the form already open, without waiting for where it leads (wrong passwords, delays). */
  async send(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Opens the form, then sends it. */
  async submit(username: string, password: string): Promise<void> {
    await this.open();
    await this.send(username, password);
  }
}

/** The header every desk page shows: who is signed in, the main navigation, sign out, theme. */
export class DeskHeader {
  readonly banner: Locator;
  readonly nav: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.nav = page.getByRole('navigation', { name: 'Main' });
  }

  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}

export class MarketsPage {
  readonly table: Locator;
  readonly search: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByRole('table');
    this.search = page.getByRole('searchbox');
  }

  async open(): Promise<void> {
    await this.page.goto('/markets');
  }

  row(symbol: string): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('rowheader', { name: symbol }) });
  }

  /** The row's cells: 0 market, 1 last price, 2 24h change, … 5 volume. */
  cell(symbol: string, index: number): Locator {
    return this.row(symbol).getByRole('cell').nth(index);
  }

  symbols(): Locator {
    return this.table.getByRole('rowheader');
  }

  favourite(symbol: string): Locator {
    return this.page.getByRole('button', { name: `Favourite ${symbol}` });
  }

  async sortByMarket(): Promise<void> {
    await this.page.getByRole('button', { name: /^Market/ }).click();
  }

  async favouritesOnly(): Promise<void> {
    await this.page.getByRole('button', { name: 'Favourites only' }).click();
  }
}

/** /admin: members, limits, thresholds, approval policy, desk freeze. Each change waits for its toast. */
export class AdminPage {
  /** `patience`: how long a change may take to be confirmed (server actions on a loaded machine) */
  constructor(readonly page: Page, readonly patience = 10_000) {}

  toast(text: string | RegExp): Locator {
    return toast(this.page, text);
  }

  private async confirmed(text: string | RegExp): Promise<void> {
    await expect(this.toast(text)).toBeVisible({ timeout: this.patience });
  }

  async open(): Promise<void> {
    await this.page.goto('/admin');
  }

  member(username: string): Locator {
    return this.page.locator(`tr[data-member="${username}"]`);
  }

  async addMember(username: string, password: string, role: 'admin' | 'trader' | 'viewer'): Promise<void> {
    const add = this.page.getByRole('form', { name: 'Add member' });
    await add.getByLabel('New username').fill(username);
    await add.getByLabel('First password').fill(password);
    await add.getByLabel('Role').selectOption(role);
    await add.getByRole('button', { name: 'Add member' }).click();
    await this.confirmed(`Member ${username} added`);
  }

  roleOf(username: string): Locator {
    return this.member(username).getByLabel(`Role of ${username}`);
  }

  async setRole(username: string, role: 'admin' | 'trader' | 'viewer'): Promise<void> {
    await this.roleOf(username).selectOption(role);
    await this.confirmed(`Role changed to ${role}`);
  }

  /** Disabling signs the member out everywhere at once. */
  async disable(username: string): Promise<void> {
    await this.member(username).getByRole('button', { name: `Disable ${username}` }).click();
    await this.confirmed('Member disabled');
  }

  /** Max per order in USD for a member; '' clears it. */
  async setMaxOrder(username: string, usd: string): Promise<void> {
    await this.open();
    const limits = this.page.getByRole('form', { name: 'Member limits' });
    await limits.getByLabel('Member').selectOption({ label: username });
    await limits.getByLabel('Max per order (USD)').fill(usd);
    await limits.getByRole('button', { name: 'Save limits' }).click();
    await this.confirmed('Limits saved');
  }

  /** The fat-finger confirmation threshold (USD). */
  async setConfirmThreshold(usd: string): Promise<void> {
    await this.open();
    const form = this.page.getByRole('form', { name: 'Confirmation thresholds' });
    await form.getByLabel('Confirm above order value (USD)').fill(usd);
    await form.getByRole('button', { name: 'Save thresholds' }).click();
    await this.confirmed('thresholds saved');
  }

  /** Four eyes: orders above `usd` wait for a second member's approval. */
  async setApprovalPolicy(usd: string): Promise<void> {
    await this.open();
    const form = this.page.getByRole('form', { name: 'Approval policy' });
    await form.getByLabel('Approval above order value (USD)').fill(usd);
    await form.getByRole('button', { name: 'Save approval policy' }).click();
    await expect(this.page.getByRole('status').filter({ hasText: 'Approval policy saved.' })).toBeVisible({ timeout: this.patience });
  }

  async freezeDesk(): Promise<void> {
    if (new URL(this.page.url()).pathname !== '/admin') await this.open();
    await this.page.getByRole('button', { name: 'Freeze desk' }).click();
    const dialog = this.page.getByRole('dialog', { name: 'Freeze the desk?' });
    await dialog.getByRole('button', { name: 'Freeze and cancel all orders' }).click();
    await this.confirmed('Desk frozen');
  }

  async unfreezeDesk(): Promise<void> {
    await this.open();
    await this.page.getByRole('button', { name: 'Unfreeze desk' }).click();
    await this.confirmed('Desk unfrozen');
  }
}

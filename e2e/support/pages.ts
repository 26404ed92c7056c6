import { expect, type Locator, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './desk';

/** Page objects: what a spec does on a page, named as a person would say it; selectors live here only. */

export class LoginPage {
  constructor(readonly page: Page) {}

  /** Signs in through the real form and waits for the markets page. */
  async signIn(username: string, password = DEMO_PASSWORD): Promise<void> {
    await this.submit(username, password);
    await expect(this.page).toHaveURL(/\/markets$/);
  }

  /** Opens the form, fills and sends it without waiting for where it leads (wrong passwords, delays). */
  async submit(username: string, password: string): Promise<void> {
    await this.page.goto('/login');
    await this.page.getByLabel('Username').fill(username);
    await this.page.getByLabel('Password').fill(password);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
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

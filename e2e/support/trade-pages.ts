import { expect, type Locator, type Page } from '@playwright/test';

/** Page objects for the trading screens: /trade/[pair] with its ticket and orders panel, and /orders. */

const numeric = (text: string | null) => Number((text ?? '').replace(/[^\d.]/g, ''));

/** /trade/[pair]: book, tape, charts, feed status. */
export class TradePage {
  readonly heading: Locator;
  readonly book: Locator;
  readonly asks: Locator;
  readonly bids: Locator;
  readonly checksum: Locator;
  readonly trades: Locator;
  /** the feed's status: Connecting, Live, Stale, Resyncing or Offline */
  readonly status: Locator;
  readonly last: Locator;
  readonly chart: Locator;
  readonly depthChart: Locator;
  readonly ticket: Ticket;
  readonly orders: OrdersPanel;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1 });
    this.book = page.getByRole('region', { name: 'Order book' });
    this.asks = this.book.locator('tr[data-side=ask]');
    this.bids = this.book.locator('tr[data-side=bid]');
    this.checksum = page.getByTestId('book-checksum');
    this.trades = page.getByRole('region', { name: 'Recent trades' }).locator('tbody tr');
    this.status = page.getByRole('status').filter({ hasText: /^(Connecting|Live|Stale|Resyncing|Offline)$/ });
    this.last = page.getByTestId('last-price');
    this.chart = page.getByRole('region', { name: 'Price chart' });
    this.depthChart = page.getByRole('region', { name: 'Depth chart' });
    this.ticket = new Ticket(page);
    this.orders = new OrdersPanel(page);
  }

  /** Opens the pair's page, e.g. `BTC-USD`; answers the navigation's response (404 for an unknown pair). */
  async open(pair = 'BTC-USD') {
    return this.page.goto(`/trade/${pair}`);
  }

  /** The live last price from the header, once it shows one (a trade page's first data on a loaded machine can be slow). */
  async lastPrice(): Promise<number> {
    await expect(this.last).toHaveText(/\d/, { timeout: 30_000 });
    return numeric(await this.last.textContent());
  }

  /** The whole-number price `factor` × the live last price (0.9: a buy that rests on the book, never fills). */
  async priceNear(factor: number): Promise<string> {
    return String(Math.floor((await this.lastPrice()) * factor));
  }

  async bookText(): Promise<string> {
    return (await this.book.locator('tbody').allInnerTexts()).join('\n');
  }
}

export interface TicketOrder {
  side?: 'Buy' | 'Sell';
  type: string;
  size: string;
  price?: string;
  postOnly?: boolean;
}

/** The order ticket on the trade page (BTC/USD unless `base` says otherwise). */
export class Ticket {
  readonly region: Locator;
  readonly type: Locator;
  readonly price: Locator;
  readonly size: Locator;

  constructor(readonly page: Page, readonly base = 'BTC') {
    this.region = page.getByRole('region', { name: 'Order ticket' });
    this.type = this.region.getByLabel('Order type');
    this.price = this.region.getByLabel('Limit price');
    this.size = this.region.getByRole('textbox', { name: /^Size/ });
  }

  side(side: 'Buy' | 'Sell'): Locator {
    return this.region.getByRole('button', { name: side, exact: true });
  }

  /** The ticket's send button, e.g. "Buy BTC". */
  send(side: 'Buy' | 'Sell' = 'Buy'): Locator {
    return this.region.getByRole('button', { name: `${side} ${this.base}` });
  }

  /** Fills the ticket without sending it. */
  async fill(o: TicketOrder): Promise<void> {
    if (o.side) await this.side(o.side).click();
    await this.type.selectOption({ label: o.type });
    if (o.postOnly) await this.region.getByLabel('Post-only').check();
    if (o.price !== undefined) await this.price.fill(o.price);
    await this.size.fill(o.size);
  }

  /** Fills the ticket and sends it. */
  async order(o: TicketOrder): Promise<void> {
    await this.fill(o);
    await this.send(o.side).click();
  }

  async preview(): Promise<void> {
    await this.region.getByRole('button', { name: 'Preview' }).click();
  }
}

/** An open-orders table (the trade page's panel or /orders): rows, amend in place, cancel. */
class OrderRows {
  constructor(readonly page: Page, readonly region: Locator) {}

  rows(): Locator {
    return this.region.locator('tbody tr');
  }

  /** Follows a row by its order id: while editing, the price is an input and the row's text changes. */
  row(txid: string): Locator {
    return this.region.locator(`tr[data-order-id="${txid}"]`);
  }

  /** The row of the one order matching every text (member, formatted price, pair…), found by its id. */
  async rowOf(...texts: string[]): Promise<Locator> {
    const match = texts.reduce((rows, text) => rows.filter({ hasText: text }), this.rows());
    await expect(match).toHaveCount(1);
    return this.row((await match.getAttribute('data-order-id'))!);
  }

  /** Opens the row's amend form, fills the given fields by their labels ('New price', 'New size', …) and saves. */
  async amend(row: Locator, fields: Record<string, string>): Promise<void> {
    await this.startAmend(row);
    for (const [label, value] of Object.entries(fields)) await row.getByLabel(label).fill(value);
    await row.getByRole('button', { name: 'Save' }).click();
  }

  async startAmend(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Amend / }).click();
  }

  async cancel(row: Locator): Promise<void> {
    await row.getByRole('button', { name: /^Cancel / }).click();
  }
}

/** "Your orders on this pair" under the trade page's chart, with its Fills tab. */
export class OrdersPanel extends OrderRows {
  constructor(page: Page) {
    super(page, page.getByRole('region', { name: 'Your orders on this pair' }));
  }

  async showFills(): Promise<void> {
    await this.region.getByRole('tab', { name: 'Fills' }).click();
  }
}

/** /orders: every open order of the desk, cancel-all, and the history with its tabs and filters. */
export class OrdersPage extends OrderRows {
  readonly history: Locator;

  constructor(page: Page) {
    super(page, page.getByRole('region', { name: /Open orders/ }));
    this.history = page.getByRole('region', { name: 'History' });
  }

  async open(): Promise<void> {
    await this.page.goto('/orders');
  }

  /** Cancels every open order through the confirm dialog when there is one to cancel. */
  async cancelAllIfAny(): Promise<void> {
    const cancelAll = this.page.getByRole('button', { name: 'Cancel all' });
    if (!(await cancelAll.isEnabled())) return;
    await cancelAll.click();
    await this.page.getByRole('dialog').getByRole('button', { name: 'Cancel all orders' }).click();
    await expect(this.page.getByRole('status').or(this.page.getByRole('alert')).filter({ hasText: 'All open orders cancelled' })).toBeVisible();
  }

  async historyTab(name: 'Fills' | 'Ledger'): Promise<void> {
    await this.history.getByRole('tab', { name }).click();
  }
}

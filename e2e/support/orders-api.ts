import { expect, type Page } from '@playwright/test';

/** A desk ticket as POST /api/orders takes it (the key is added per order). */
export interface Ticket {
  symbol: string;
  side: 'buy' | 'sell';
  type: string;
  volume: string;
  price?: string;
  price2?: string;
  displayVolume?: string;
}

/**
 * Places tickets through the desk's own API from the signed-in page (same-origin fetch: the session cookie
 * and Origin header the API checks), one after another, waiting out the desk's trading-rate refusals (429).
 * Returns the txids.
 */
export async function placeViaApi(page: Page, tickets: Ticket[]): Promise<string[]> {
  return page.evaluate(async (list) => {
    const txids: string[] = [];
    for (const t of list) {
      for (let attempt = 1; ; attempt++) {
        const res = await fetch('/api/orders', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...t, idempotencyKey: crypto.randomUUID() }),
        });
        const body = await res.json();
        // 429: the desk keeps each member within a share of Kraken's trading rate counter; nothing was placed
        if (res.status === 429 && attempt < 120) {
          await new Promise((resolve) => setTimeout(resolve, 1000));
          continue;
        }
        if (!res.ok) throw new Error(`POST /api/orders ${res.status}: ${JSON.stringify(body)}`);
        txids.push(body.order.txid);
        break;
      }
    }
    return txids;
  }, tickets);
}

export async function cancelViaApi(page: Page, txids: string[]): Promise<void> {
  await page.evaluate(async (ids) => {
    for (const id of ids) {
      const res = await fetch(`/api/orders/${encodeURIComponent(id)}`, { method: 'DELETE' });
      if (!res.ok) throw new Error(`DELETE ${id} ${res.status}: ${await res.text()}`);
    }
  }, txids);
}

/** GET one of the desk's JSON lists from the signed-in page. */
export async function getJson<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (p) => {
    const res = await fetch(p, { cache: 'no-store' });
    if (!res.ok) throw new Error(`GET ${p} ${res.status}: ${await res.text()}`);
    return res.json();
  }, path) as Promise<T>;
}

/** The whole-number price `factor` × the pair's live last price, read from its trade page header. */
export async function priceNearMarket(page: Page, pair: 'BTC-USD' | 'ETH-USD' | 'LTC-USD', factor: number): Promise<string> {
  await page.goto(`/trade/${pair}`);
  const last = page.getByTestId('last-price');
  await expect(last).toHaveText(/\d/);
  return String(Math.floor(Number((await last.textContent())!.replace(/[^\d.]/g, '')) * factor));
}

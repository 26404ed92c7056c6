/**
 * Open orders past Kraken's page of 50 and history filters over all of the account's history, through the
 * desk's GET handlers against the built-in exchange on loopback (issue 9, item 9).
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { GET as fills } from '../../app/api/orders/fills/route';
import { GET as ledger } from '../../app/api/orders/ledger/route';
import { GET as listOrders } from '../../app/api/orders/route';
import { handleRoute } from '../../lib/http/handler';
import type { OrdersList } from '../../lib/desk-api/orders';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

let desk: DeskFixture;
const BTC_ORDERS = 52;
const ETH_ORDERS = 8;

before(async () => {
  desk = await startDeskFixture();
  // ETH orders first, cancelled first: they close before every BTC order, so they sit past Kraken's first page
  const eth = await restingBuyPrice(desk.kraken, 'ETH/USD');
  for (let i = 0; i < ETH_ORDERS; i++) {
    const placed = await desk.kraken.private.addOrder({ pair: 'ETH/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: eth });
    await desk.kraken.private.cancelOrder({ txid: placed.txids[0]! });
  }
  const btc = await restingBuyPrice(desk.kraken, 'BTC/USD');
  for (let i = 0; i < BTC_ORDERS; i++) {
    await desk.kraken.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price: btc });
  }
});
after(() => desk.close());

const HISTORY_ROUTES = { listOrders, fills, ledger };

async function list(route: keyof typeof HISTORY_ROUTES, query: string): Promise<{ status: number; body: OrdersList & { error?: { message: string } } }> {
  const services = { orders: desk.service, db: desk.db };
  try {
    const env = { currentMember: async () => desk.viewer, isAllowedOrigin: () => false, service: () => services };
    const response = await handleRoute(HISTORY_ROUTES[route], new Request(`http://desk.test/api/orders?${query}`), {}, env);
    return { status: response.status, body: await response.json() };
  } catch (error) {
    return { status: (error as { status?: number }).status ?? 500, body: { error: { message: (error as Error).message } } as never };
  }
}

test(`all ${BTC_ORDERS} open orders come back with all=1, and pages of 50 say the true total`, async () => {
  desk.service.reads.invalidate();
  const all = await list('listOrders', 'status=open&all=1');
  assert.equal(all.status, 200);
  assert.equal(all.body.orders.length, BTC_ORDERS);
  assert.equal(all.body.total, BTC_ORDERS);
  assert.equal(new Set(all.body.orders.map((o) => o.txid)).size, BTC_ORDERS);
  const first = await list('listOrders', 'status=open&page=0');
  const second = await list('listOrders', 'status=open&page=1');
  assert.deepEqual([first.body.orders.length, second.body.orders.length, first.body.total], [50, BTC_ORDERS - 50, BTC_ORDERS]);
});

test('a pair filter on closed orders finds the rows past Kraken\'s first page of 50', async () => {
  const { count } = await desk.kraken.private.cancelAll();
  assert.equal(count, BTC_ORDERS);
  desk.service.reads.invalidate();
  const unfiltered = await list('listOrders', 'status=closed&page=0');
  assert.equal(unfiltered.body.total, BTC_ORDERS + ETH_ORDERS);
  assert.ok(unfiltered.body.orders.every((o) => o.symbol === 'BTC/USD'), 'the first page holds only the newer BTC orders');

  const eth = await list('listOrders', 'status=closed&page=0&symbol=eth');
  assert.equal(eth.body.total, ETH_ORDERS);
  assert.equal(eth.body.complete, true);
  assert.deepEqual(eth.body.orders.map((o) => o.symbol), Array(ETH_ORDERS).fill('ETH/USD'));

  const sells = await list('listOrders', 'status=closed&page=0&side=sell');
  assert.deepEqual([sells.body.total, sells.body.orders.length], [0, 0]);
  const future = Math.floor(Date.now() / 1000) + 3600;
  const later = await list('listOrders', `status=closed&page=0&from=${future}`);
  assert.deepEqual([later.body.total, later.body.orders.length], [0, 0]);
});

test('all=1 (CSV export) answers every matching closed order in one list', async () => {
  const everything = await list('listOrders', 'status=closed&all=1');
  assert.equal(everything.body.orders.length, BTC_ORDERS + ETH_ORDERS);
  const btc = await list('listOrders', 'status=closed&all=1&symbol=BTC/USD&side=buy');
  assert.equal(btc.body.orders.length, BTC_ORDERS);
  assert.equal(btc.body.total, BTC_ORDERS);
});

test('fills and ledger take the same filters; a bad filter is a 400 that names it', async () => {
  await desk.kraken.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'market', volume: '0.001' });
  await desk.kraken.private.addOrder({ pair: 'ETH/USD', side: 'buy', orderType: 'market', volume: '0.01' });
  desk.service.reads.invalidate();
  const fills = (await list('fills', 'page=0&symbol=ETH&side=buy')).body as unknown as { rows: { symbol: string; side: string }[]; total: number };
  assert.ok(fills.total >= 1);
  assert.ok(fills.rows.every((f) => f.symbol === 'ETH/USD' && f.side === 'buy'));
  const noSells = (await list('fills', 'page=0&side=sell')).body as unknown as { total: number };
  assert.equal(noSells.total, 0);
  const ledger = (await list('ledger', 'page=0&symbol=ETH')).body as unknown as { rows: { asset: string }[]; total: number };
  assert.ok(ledger.total >= 1);
  assert.ok(ledger.rows.every((e) => e.asset.includes('ETH')), ledger.rows.map((e) => e.asset).join());
  const bad = await list('ledger', 'page=0&from=yesterday');
  assert.equal(bad.status, 400);
  assert.match(bad.body.error?.message ?? '', /from must be Unix seconds/);
});

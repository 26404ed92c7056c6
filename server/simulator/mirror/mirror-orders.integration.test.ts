/**
 * Order types on a mirror with simulated latency: the same trading engine as demo mode, matching against the
 * mirrored book and the queue model. The source's flow is frozen and scripted through /control.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningExchange, startExchange } from '../exchange';
import { KEY, SECRET } from '../trading/test-helpers';
import { type Loose, control, privateCall, publicCall, until } from './test-support';

let source: RunningExchange;
let mirror: RunningExchange;
const LATENCY_MS = 150;
/** how far the mirror's clock runs ahead of the wall clock: GTD expiry and cancel-all-after without waiting */
let skewMs = 0;

const top = async (): Promise<{ bid: number; ask: number; askQty: number }> => {
  const book = (await publicCall(mirror, 'Depth', 'pair=XBTUSD&count=1')).result.XXBTZUSD;
  return { bid: Number(book.bids[0][0]), ask: Number(book.asks[0][0]), askQty: Number(book.asks[0][1]) };
};
const order = async (txid: string): Promise<Loose> => (await privateCall(mirror, 'QueryOrders', { txid })).result[txid];
const place = async (params: Record<string, string>): Promise<string> => {
  const answer = await privateCall(mirror, 'AddOrder', { pair: 'XBTUSD', ...params });
  assert.deepEqual(answer.error, [], JSON.stringify(params));
  return answer.result.txid[0];
};
/** A trade the source prints at `price` (its taker on `side`), once the mirror has it as its last price. */
const sourcePrint = async (price: string, side: 'buy' | 'sell'): Promise<void> => {
  await control(source, '/book/level', { symbol: 'BTC/USD', side: side === 'buy' ? 'asks' : 'bids', price, qty: '1' });
  await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.001', side });
  await until(`the print at ${price} on the mirror`, async () => (Number((await publicCall(mirror, 'Ticker', 'pair=XBTUSD')).result.XXBTZUSD.c[0]) === Number(price) ? true : undefined));
};
const closed = (txid: string, what: string) => until(what, async () => {
  const o = await order(txid);
  return o.status === 'open' || o.status === 'pending' ? undefined : o;
});
const settled = (txid: string) => until(`${txid} matched`, async () => {
  const o = await order(txid);
  return o.status === 'pending' ? undefined : o;
});

describe('order types on a mirror', () => {
  before(async () => {
    source = await startExchange({ seed: 8 });
    await control(source, '/market/pause', { paused: true });
    mirror = await startExchange({
      apiKeys: [{ key: KEY, secret: SECRET }],
      paperBalances: { USD: '10000000', BTC: '20' },
      // the tests poll order state: the pro tier's REST budget keeps them from waiting on the rate counter
      tier: 'pro',
      mirror: { restUrl: source.restUrl, wsUrl: source.wsUrl, pairs: ['BTC/USD'], depth: 25, matchingDelayMs: LATENCY_MS },
      now: () => Date.now() + skewMs,
    });
  });
  after(async () => {
    await mirror?.close();
    await source?.close();
  });

  it('matches an order only after the configured latency', async () => {
    const { bid } = await top();
    const txid = await place({ type: 'buy', ordertype: 'limit', price: (bid - 100).toFixed(1), volume: '0.01' });
    assert.equal((await order(txid)).status, 'pending', 'accepted, not yet in the book');
    assert.equal((await settled(txid)).status, 'open');
  });

  it('cancels a post-only order that would take, and an IOC keeps only what the visible level gave', async () => {
    const { ask, askQty } = await top();
    const post = await place({ type: 'buy', ordertype: 'limit', price: ask.toFixed(1), volume: '0.01', oflags: 'post' });
    const posted = await settled(post);
    assert.equal(posted.status, 'canceled');
    assert.equal(posted.reason, 'Post only order');
    const ioc = await place({ type: 'buy', ordertype: 'limit', price: ask.toFixed(1), volume: (askQty + 1).toFixed(8), timeinforce: 'IOC' });
    const done = await settled(ioc);
    assert.equal(done.status, 'canceled');
    assert.equal(Number(done.vol_exec), askQty, 'only the best level is at the limit');
  });

  it('fires a stop-loss on a source print and sells into the mirrored bids', async () => {
    const { bid } = await top();
    const trigger = (bid - 5).toFixed(1);
    const txid = await place({ type: 'sell', ordertype: 'stop-loss', price: trigger, volume: '0.02' });
    assert.equal((await settled(txid)).status, 'open');
    await control(source, '/book/level', { symbol: 'BTC/USD', side: 'bids', price: (bid - 6).toFixed(1), qty: '1' });
    await control(source, '/trade', { symbol: 'BTC/USD', price: (bid - 6).toFixed(1), qty: '0.001', side: 'sell' });
    const fired = await until('the stop to fire', async () => {
      const o = await order(txid);
      return o.status === 'closed' ? o : undefined;
    });
    assert.equal(Number(fired.vol_exec), 0.02);
    assert.ok(fired.misc.includes('stopped'));
  });

  it('shows an iceberg one slice at a time, each new slice queued behind the level', async () => {
    const { bid, ask } = await top();
    const price = (bid + 0.1 < ask ? bid + 0.1 : bid).toFixed(1);
    const txid = await place({ type: 'buy', ordertype: 'iceberg', price, volume: '0.3', displayvol: '0.1' });
    await settled(txid);
    await control(source, '/book/level', { symbol: 'BTC/USD', side: 'bids', price, qty: '0.5' });
    await until('the level on the mirror', async () => (Number((await publicCall(mirror, 'Depth', 'pair=XBTUSD&count=1')).result.XXBTZUSD.bids[0][1]) === 0.5 ? true : undefined));
    // the iceberg was there first (nothing showed at its price): the print reaches its visible slice only
    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.25', side: 'sell' });
    const first = await until('the first slice', async () => {
      const o = await order(txid);
      return Number(o.vol_exec) > 0 ? o : undefined;
    });
    assert.equal(Number(first.vol_exec), 0.1);
    // the refill queued behind the 0.25 still showing: a 0.2 print does not reach it
    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.2', side: 'sell' });
    await until('the print on the mirror', async () => (Number((await publicCall(mirror, 'Depth', 'pair=XBTUSD&count=1')).result.XXBTZUSD.bids[0][1]) === 0.05 ? true : undefined));
    assert.equal(Number((await order(txid)).vol_exec), 0.1);
    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.1', side: 'sell' });
    const second = await until('the second slice', async () => {
      const o = await order(txid);
      return Number(o.vol_exec) > 0.1 ? o : undefined;
    });
    assert.equal(Number(second.vol_exec), 0.15, '0.05 ahead, then 0.05 of the print');
  });

  it('fires a take-profit when a source print reaches its price and sells into the mirrored bids', async () => {
    const { ask } = await top();
    const trigger = (ask + 10).toFixed(1);
    const txid = await place({ type: 'sell', ordertype: 'take-profit', price: trigger, volume: '0.02' });
    assert.equal((await settled(txid)).status, 'open');
    await sourcePrint((ask + 5).toFixed(1), 'buy');
    assert.equal((await order(txid)).status, 'open', 'a print below its price does not touch it');
    await sourcePrint(trigger, 'buy');
    const fired = await closed(txid, 'the take-profit to fire');
    assert.equal(fired.status, 'closed');
    assert.equal(Number(fired.vol_exec), 0.02);
    assert.ok(fired.misc.includes('touched'));
  });

  it('trails a stop behind the highest source print and fires on the fall by its offset', async () => {
    const { bid, ask } = await top();
    const txid = await place({ type: 'sell', ordertype: 'trailing-stop', price: '+20', volume: '0.02' });
    assert.equal((await settled(txid)).status, 'open');
    const high = ask + 40;
    await sourcePrint(high.toFixed(1), 'buy');
    // 15 below the high: inside the 20 offset, the stop (high - 20) is not reached
    await sourcePrint((high - 15).toFixed(1), 'buy');
    assert.equal((await order(txid)).status, 'open');
    await sourcePrint(bid.toFixed(1), 'sell');
    const fired = await closed(txid, 'the trailing stop to fire');
    assert.equal(fired.status, 'closed');
    assert.equal(Number(fired.vol_exec), 0.02);
    assert.ok(fired.misc.includes('stopped'));
  });

  it('expires a GTD order at its expiry time without any source activity', async () => {
    const { bid } = await top();
    const txid = await place({ type: 'buy', ordertype: 'limit', price: (bid - 300).toFixed(1), volume: '0.01', timeinforce: 'GTD', expiretm: '+30' });
    assert.equal((await settled(txid)).status, 'open');
    skewMs += 31_000;
    const expired = await closed(txid, 'the GTD expiry');
    assert.equal(expired.status, 'expired');
  });

  it('keeps an amended order\'s queue place when its quantity shrinks and sends it to the back when it grows', async () => {
    const { bid } = await top();
    const levelAt = async (price: string) => {
      const rows: string[][] = (await publicCall(mirror, 'Depth', 'pair=XBTUSD&count=50')).result.XXBTZUSD.bids;
      return Number(rows.find((r) => Number(r[0]) === Number(price))?.[1] ?? 0);
    };
    const setLevel = async (price: string, qty: string) => {
      await control(source, '/book/level', { symbol: 'BTC/USD', side: 'bids', price, qty });
      await until(`${qty} at ${price} on the mirror`, async () => ((await levelAt(price)) === Number(qty) ? true : undefined));
    };
    const print = async (price: string, qty: string, left: string) => {
      await control(source, '/trade', { symbol: 'BTC/USD', price, qty, side: 'sell' });
      await until(`the print at ${price} on the mirror`, async () => ((await levelAt(price)) === Number(left) ? true : undefined));
    };
    const filledOf = async (txid: string) => Number((await order(txid)).vol_exec);
    const [smaller, larger] = [(bid - 2).toFixed(1), (bid - 3).toFixed(1)];
    const ids: string[] = [];
    // each joins behind 1 BTC, then 1 BTC more joins behind it
    for (const price of [smaller, larger]) {
      await setLevel(price, '1');
      const txid = await place({ type: 'buy', ordertype: 'limit', price, volume: '0.05' });
      assert.equal((await settled(txid)).status, 'open');
      await setLevel(price, '2');
      ids.push(txid);
    }
    const [keeps, loses] = ids as [string, string];
    assert.deepEqual((await privateCall(mirror, 'AmendOrder', { txid: keeps, order_qty: '0.04' })).error, []);
    assert.deepEqual((await privateCall(mirror, 'AmendOrder', { txid: loses, order_qty: '0.06' })).error, []);
    // 1.02 prints at each price: past the 1 ahead of the smaller order, short of the 2 ahead of the grown one (the
    // higher price first: a print below a resting buy trades through it)
    await print(smaller, '1.02', '0.98');
    await until('the smaller order\'s fill', async () => ((await filledOf(keeps)) > 0 ? true : undefined));
    assert.equal(await filledOf(keeps), 0.02, '0.02 of the print passed the 1 ahead');
    await print(larger, '1.02', '0.98');
    assert.equal(await filledOf(loses), 0);
    // 0.98 still ahead of it; 0.06 more joins behind, and 1.04 prints: 0.06 reaches the grown order
    await setLevel(larger, '1.04');
    await print(larger, '1.04', '0');
    await until('the grown order\'s fill', async () => ((await filledOf(loses)) > 0 ? true : undefined));
    assert.equal(await filledOf(loses), 0.06);
  });

  it('cancels every open order when the cancel-all-after timer runs out (dead-man switch)', async () => {
    const { bid } = await top();
    const txid = await place({ type: 'buy', ordertype: 'limit', price: (bid - 300).toFixed(1), volume: '0.01' });
    assert.equal((await settled(txid)).status, 'open');
    const armed = await privateCall(mirror, 'CancelAllOrdersAfter', { timeout: '60' });
    assert.deepEqual(armed.error, []);
    assert.notEqual(armed.result.triggerTime, '0');
    skewMs += 61_000;
    const cancelled = await closed(txid, 'the dead-man cancel');
    assert.equal(cancelled.status, 'canceled');
    assert.equal(cancelled.reason, 'Cancel all orders after timeout');
    assert.deepEqual(Object.keys((await privateCall(mirror, 'OpenOrders')).result.open), [], 'nothing is left open');
  });
});

/**
 * Mirror mode against a second built-in exchange acting as "Kraken": its synthetic market is the source, frozen
 * and then scripted through /control (book levels, trade prints, feed drops), so every step is deterministic.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type RunningExchange, startExchange } from '../exchange';
import { BookMirror } from '../test-book-mirror';
import { openSocket } from '../test-ws-client';
import { KEY, SECRET } from '../trading/test-helpers';
import { type Loose, control, privateCall, publicCall, until } from './test-support';

let source: RunningExchange;
let mirror: RunningExchange;
let dataDir: string;
const PAIRS = ['BTC/USD', 'ETH/USD'];

const startMirror = () =>
  startExchange({
    dataDir,
    apiKeys: [{ key: KEY, secret: SECRET }],
    paperBalances: { USD: '100000000', BTC: '10' },
    mirror: { restUrl: source.restUrl, wsUrl: source.wsUrl, pairs: PAIRS, depth: 25, wsTuning: { backoff: { initialMs: 100, maxMs: 200 } } },
  });

const bestBid = async (ex: RunningExchange): Promise<string> => Number((await publicCall(ex, 'Depth', 'pair=XBTUSD&count=1')).result.XXBTZUSD.bids[0][0]).toFixed(1);
const levelQty = async (ex: RunningExchange, pair: string, side: 'bids' | 'asks', price: string): Promise<number> => {
  const book = (await publicCall(ex, 'Depth', `pair=${pair}&count=100`)).result;
  const rows: string[][] = (Object.values(book)[0] as Loose)[side];
  return Number(rows.find((r) => Number(r[0]) === Number(price))?.[1] ?? 0);
};
const order = async (txid: string): Promise<Loose> => (await privateCall(mirror, 'QueryOrders', { txid, trades: 'true' })).result[txid];
const sameTop = async (pair: string) => {
  const [a, b] = await Promise.all([publicCall(source, 'Depth', `pair=${pair}&count=10`), publicCall(mirror, 'Depth', `pair=${pair}&count=10`)]);
  const strip = (r: Loose) => Object.values(r.result).map((book: Loose) => [book.asks.map((l: string[]) => l.slice(0, 2)), book.bids.map((l: string[]) => l.slice(0, 2))]);
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b)) ? true : undefined;
};

describe('mirror mode against a source exchange', () => {
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'mirror-'));
    source = await startExchange({ seed: 21 });
    await control(source, '/market/pause', { paused: true });
    mirror = await startMirror();
  });
  after(async () => {
    await mirror?.close();
    await source?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('mirrors pairs, rules and history field by field', async () => {
    const [srcPairs, mirPairs] = await Promise.all([publicCall(source, 'AssetPairs', 'pair=XBTUSD,ETHUSD'), publicCall(mirror, 'AssetPairs')]);
    assert.deepEqual(Object.keys(mirPairs.result), ['XXBTZUSD', 'XETHZUSD']);
    assert.deepEqual(mirPairs.result, srcPairs.result);
    const [srcOhlc, mirOhlc] = await Promise.all([publicCall(source, 'OHLC', 'pair=XBTUSD&interval=1'), publicCall(mirror, 'OHLC', 'pair=XBTUSD&interval=1')]);
    assert.equal(mirOhlc.result.XXBTZUSD.length, srcOhlc.result.XXBTZUSD.length);
    assert.deepEqual(mirOhlc.result.XXBTZUSD.slice(0, -1), srcOhlc.result.XXBTZUSD.slice(0, -1));
    assert.equal(mirOhlc.result.last, srcOhlc.result.last);
    const [srcTrades, mirTrades] = await Promise.all([publicCall(source, 'Trades', 'pair=XBTUSD&count=200'), publicCall(mirror, 'Trades', 'pair=XBTUSD&count=200')]);
    assert.ok(mirTrades.result.XXBTZUSD.length >= 100);
    assert.deepEqual(mirTrades.result.XXBTZUSD, srcTrades.result.XXBTZUSD);
    assert.equal(mirTrades.result.last, srcTrades.result.last);
    // a longer interval: the source's own history once asked for
    await publicCall(mirror, 'OHLC', 'pair=ETHUSD&interval=60');
    await until('the 60 m history', async () => {
      const [a, b] = await Promise.all([publicCall(source, 'OHLC', 'pair=ETHUSD&interval=60'), publicCall(mirror, 'OHLC', 'pair=ETHUSD&interval=60')]);
      return JSON.stringify(a.result.XETHZUSD.slice(0, -1)) === JSON.stringify(b.result.XETHZUSD.slice(0, -1)) ? true : undefined;
    });
  });

  it('reports the source\'s ticker: top of book and last exactly, today and 24 h over the source\'s whole day', async () => {
    const tickers = async () => Promise.all([source, mirror].map(async (ex) => (await publicCall(ex, 'Ticker', 'pair=XBTUSD,ETHUSD')).result));
    // the part of the day before the 720 minutes arrives from 5-minute candles after start
    await until('the whole day mirrored', async () => {
      const [src, mir] = await tickers();
      return Object.keys(src).every((k) => Number(mir[k].v[1]) >= 0.99 * Number(src[k].v[1])) ? true : undefined;
    });
    const [src, mir] = await tickers();
    for (const key of ['XXBTZUSD', 'XETHZUSD']) {
      const [s, m] = [src[key], mir[key]];
      assert.deepEqual([m.a, m.b, m.c], [s.a, s.b, s.c], key);
      for (const i of [0, 1]) {
        const what = `${key} ${i === 0 ? 'today' : '24 h'}`;
        // the mirror sees the source's day less at most the minutes of one 5-minute candle at the seam
        assert.ok(Number(m.v[i]) <= Number(s.v[i]) && Number(m.v[i]) >= 0.99 * Number(s.v[i]), `${what} volume ${m.v[i]} of ${s.v[i]}`);
        assert.ok(m.t[i] <= s.t[i] && m.t[i] >= 0.99 * s.t[i], `${what} trades ${m.t[i]} of ${s.t[i]}`);
        assert.ok(Number(m.l[i]) >= Number(s.l[i]) && Number(m.h[i]) <= Number(s.h[i]), `${what} range inside the source's`);
        assert.ok(Math.abs(Number(m.p[i]) / Number(s.p[i]) - 1) < 0.001, `${what} vwap ${m.p[i]} against ${s.p[i]}`);
      }
    }
  });

  it('serves the source book with checksums valid on the mirror', async () => {
    const ws = await openSocket(mirror.wsUrl);
    const mirrorBook = new BookMirror(10, 1, 8);
    ws.send({ method: 'subscribe', params: { channel: 'book', symbol: ['BTC/USD'], depth: 10 } });
    const snap = await ws.next((j) => j.channel === 'book' && j.type === 'snapshot');
    assert.equal(mirrorBook.apply(snap.json.data[0], true), true);
    const from = ws.frames.length;
    const bid = Number(await bestBid(source));
    const ask = Number((await publicCall(source, 'Depth', 'pair=XBTUSD&count=1')).result.XXBTZUSD.asks[0][0]);
    await control(source, '/book/level', { symbol: 'BTC/USD', side: 'bids', price: (bid - 0.3).toFixed(1), qty: '1.23456789' });
    await control(source, '/book/level', { symbol: 'BTC/USD', side: 'asks', price: ask.toFixed(1), qty: '0' });
    await control(source, '/trade', { symbol: 'BTC/USD', price: bid.toFixed(1), qty: '0.01' });
    await until('the mirror to follow', () => sameTop('XBTUSD'));
    await until('three updates', () => (ws.frames.slice(from).filter((f) => f.json.channel === 'book').length >= 3 ? true : undefined));
    const updates = ws.frames.slice(from).filter((f) => f.json.channel === 'book');
    for (const f of updates) assert.equal(mirrorBook.apply(f.json.data[0], false), true, f.text);
    await ws.close();
  });

  it('fills a resting buy only after the queue ahead of it has traded', async () => {
    const price = await bestBid(source);
    await control(source, '/book/level', { symbol: 'BTC/USD', side: 'bids', price, qty: '2' });
    await until('2 BTC at the bid on the mirror', async () => ((await levelQty(mirror, 'XBTUSD', 'bids', price)) === 2 ? true : undefined));
    const placed = await privateCall(mirror, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price, volume: '0.5' });
    assert.deepEqual(placed.error, []);
    const txid: string = placed.result.txid[0];
    assert.equal((await order(txid)).status, 'open');

    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '1.5', side: 'sell' });
    await until('the print on the mirror', async () => ((await levelQty(mirror, 'XBTUSD', 'bids', price)) === 0.5 ? true : undefined));
    assert.equal(Number((await order(txid)).vol_exec), 0, '1.5 of the 2 BTC ahead traded: nothing reaches the order');

    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.8', side: 'sell' });
    const filled = await until('the partial fill', async () => {
      const o = await order(txid);
      return Number(o.vol_exec) > 0 ? o : undefined;
    });
    assert.equal(Number(filled.vol_exec), 0.3, '0.5 left ahead, 0.3 of the 0.8 printed reaches the order');
    assert.equal(filled.status, 'open');
    const trade = (await privateCall(mirror, 'QueryTrades', { txid: filled.trades[0] })).result[filled.trades[0]];
    assert.equal(trade.maker, true);
    assert.equal(Number(trade.price), Number(price));
  });

  it('moves a resting order up by its share of cancellations (level decreases no print explains)', async () => {
    const bids: string[][] = (await publicCall(source, 'Depth', 'pair=ETHUSD&count=1')).result.XETHZUSD.bids;
    // Depth shows ETH prices with 5 decimals, as Kraken does; an order takes the pair's 2
    const price = Number(bids[0]![0]).toFixed(2);
    await control(source, '/book/level', { symbol: 'ETH/USD', side: 'bids', price, qty: '2' });
    await until('2 ETH at the bid on the mirror', async () => ((await levelQty(mirror, 'ETHUSD', 'bids', price)) === 2 ? true : undefined));
    const placed = await privateCall(mirror, 'AddOrder', { pair: 'ETHUSD', type: 'buy', ordertype: 'limit', price, volume: '0.5' });
    assert.deepEqual(placed.error, []);
    const txid: string = placed.result.txid[0];
    // 2 more join behind the order, then 3 of the 4 are cancelled: the order's share is 3 × 2/4 = 1.5 of its 2 ahead
    await control(source, '/book/level', { symbol: 'ETH/USD', side: 'bids', price, qty: '4' });
    await until('4 ETH at the bid on the mirror', async () => ((await levelQty(mirror, 'ETHUSD', 'bids', price)) === 4 ? true : undefined));
    await control(source, '/book/level', { symbol: 'ETH/USD', side: 'bids', price, qty: '1' });
    await until('1 ETH at the bid on the mirror', async () => ((await levelQty(mirror, 'ETHUSD', 'bids', price)) === 1 ? true : undefined));
    assert.equal(Number((await order(txid)).vol_exec), 0, 'cancellations alone fill nothing');
    // 0.5 left ahead: a 0.7 print gives the order 0.2
    await control(source, '/trade', { symbol: 'ETH/USD', price, qty: '0.7', side: 'sell' });
    const filled = await until('the fill after the cancellations', async () => {
      const o = await order(txid);
      return Number(o.vol_exec) > 0 ? o : undefined;
    });
    assert.equal(Number(filled.vol_exec), 0.2);
    assert.deepEqual((await privateCall(mirror, 'CancelOrder', { txid })).error, []);
  });

  it('walks only the visible book with a market order larger than it', async () => {
    const asks: string[][] = (await publicCall(mirror, 'Depth', 'pair=ETHUSD&count=500')).result.XETHZUSD.asks;
    assert.equal(asks.length, 25, 'the mirror shows the depth it subscribed');
    const visible = asks.reduce((s, l) => s + Number(l[1]), 0);
    const volume = (visible + 5).toFixed(8);
    const takerPct = Number((await privateCall(mirror, 'TradeVolume', { pair: 'ETHUSD' })).result.fees.XETHZUSD.fee);
    await privateCall(mirror, 'AddOrder', { pair: 'ETHUSD', type: 'buy', ordertype: 'market', volume });
    const answer = await privateCall(mirror, 'ClosedOrders', {});
    assert.deepEqual(answer.error, []);
    const closed = answer.result.closed as Record<string, Loose>;
    const found = Object.entries(closed).find(([, x]) => x.descr.pair === 'ETHUSD' && Number(x.vol) === Number(volume));
    assert.ok(found, 'the market order is closed');
    const o = await order(found[0]);
    assert.equal(o.status, 'canceled');
    assert.ok(Math.abs(Number(o.vol_exec) - visible) < 1e-8, `${o.vol_exec} filled of ${visible} visible`);
    assert.equal(o.trades.length, 25, 'one fill per level');
    assert.ok(Number(o.price) > Number(asks[0]![0]), 'average price slipped past the best ask');
    // every fill is a taker fill at its level's price, charged a taker fee of the pair's schedule on its cost: the
    // account's rate before the order on the first fill, a lower tier only once its own volume reached one
    const schedule: number[] = (await publicCall(mirror, 'AssetPairs', 'pair=ETHUSD')).result.XETHZUSD.fees.map((f: number[]) => f[1]);
    assert.ok(takerPct > 0);
    const trades: Record<string, Loose> = {};
    // QueryTrades takes at most 20 ids per call, as on Kraken
    for (const ids of [o.trades.slice(0, 20), o.trades.slice(20)]) Object.assign(trades, (await privateCall(mirror, 'QueryTrades', { txid: ids.join(',') })).result);
    assert.equal(Object.keys(trades).length, 25);
    const levelPrices = new Set(asks.map((l) => Number(l[0])));
    const rateOf = (t: Loose) => schedule.find((pct) => Math.abs(Number(t.fee) - (Number(t.cost) * pct) / 100) < 0.0001);
    let previous = takerPct;
    for (const [i, id] of (o.trades as string[]).entries()) {
      const t = trades[id];
      assert.equal(t.maker, false);
      assert.ok(levelPrices.has(Number(t.price)), `${t.price} is a visible level`);
      const pct = rateOf(t);
      assert.ok(pct !== undefined, `fee ${t.fee} on ${t.cost} is a rate of the schedule`);
      if (i === 0) assert.equal(pct, takerPct, 'the first fill pays the account\'s taker rate');
      assert.ok(pct <= previous, 'the rate only falls as the order adds volume');
      previous = pct;
    }
    assert.ok(Math.abs(Number(o.cost) - asks.reduce((sum, l) => sum + Number(l[0]) * Number(l[1]), 0)) < 0.01, 'it paid exactly the visible levels');
    // the liquidity it took stays taken for the next paper order until the source changes those levels
    const again = await privateCall(mirror, 'AddOrder', { pair: 'ETHUSD', type: 'buy', ordertype: 'market', volume: '1' });
    assert.deepEqual(again.error, []);
    const second = await order(again.result.txid[0]);
    assert.equal(Number(second.vol_exec), 0);
  });

  it('goes stale without its source, stops filling, and resumes from fresh books', async () => {
    const open = Object.entries((await privateCall(mirror, 'OpenOrders')).result.open as Record<string, Loose>).find(([, o]) => o.descr.pair === 'XBTUSD');
    assert.ok(open, 'the partly filled buy is still open');
    const [txid, resting] = open;
    const price = resting.descr.price as string;
    const ws = await openSocket(mirror.wsUrl);
    await control(source, '/feed/drop', { refuseMs: 1500 });
    assert.equal((await ws.closed).code, 1006, 'the mirror drops its own public sockets');
    assert.equal((await publicCall(mirror, 'SystemStatus')).result.status, 'maintenance');
    const refused = await privateCall(mirror, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price, volume: '0.1' });
    assert.deepEqual(refused.error, ['EService:Unavailable']);
    await assert.rejects(openSocket(mirror.wsUrl), /503/, 'new public sockets are refused while the source is away');
    // a print the mirror cannot see fills nothing
    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.1', side: 'sell' });
    assert.equal(Number((await order(txid)).vol_exec), 0.3);
    await until('the source back', async () => ((await publicCall(mirror, 'SystemStatus')).result.status === 'online' ? true : undefined));
    await until('fresh books', () => sameTop('XBTUSD'));
    assert.equal(Number((await order(txid)).vol_exec), 0.3);
    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.25', side: 'sell' });
    const done = await until('the fill after the return', async () => {
      const o = await order(txid);
      return o.status === 'closed' ? o : undefined;
    });
    assert.equal(Number(done.vol_exec), 0.5);
  });

  it('resyncs a book whose source checksum fails, and follows a silent (stale) source back', async () => {
    // a corrupted checksum from the source: that book is untrusted until its new snapshot verifies
    let ws = await openSocket(mirror.wsUrl);
    const bid = (await publicCall(source, 'Depth', 'pair=ETHUSD&count=1')).result.XETHZUSD.bids[0][0];
    await control(source, '/book/corrupt-checksum', { symbol: 'ETH/USD' });
    await control(source, '/book/level', { symbol: 'ETH/USD', side: 'bids', price: (Number(bid) - 0.05).toFixed(2), qty: '3.21' });
    assert.equal((await ws.closed).code, 1006, 'while a book resyncs the mirror is down like a dropped Kraken feed');
    await until('the resynced book', async () => ((await publicCall(mirror, 'SystemStatus')).result.status === 'online' ? sameTop('ETHUSD') : undefined));
    assert.equal(await levelQty(mirror, 'ETHUSD', 'bids', (Number(bid) - 0.05).toFixed(2)), 3.21);

    // a source that goes silent (no data, no heartbeats) is stale: no new orders, no fills, until it speaks again
    ws = await openSocket(mirror.wsUrl);
    await control(source, '/feed/stall', {});
    await until('the stale source', async () => ((await publicCall(mirror, 'SystemStatus')).result.status === 'maintenance' ? true : undefined));
    const refused = await privateCall(mirror, 'AddOrder', { pair: 'ETHUSD', type: 'buy', ordertype: 'limit', price: (Number(bid) - 10).toFixed(2), volume: '0.1' });
    assert.deepEqual(refused.error, ['EService:Unavailable']);
    await control(source, '/feed/resume', {});
    await until('the source speaking again', async () => ((await publicCall(mirror, 'SystemStatus')).result.status === 'online' ? true : undefined));
    await control(source, '/book/level', { symbol: 'ETH/USD', side: 'bids', price: (Number(bid) - 0.05).toFixed(2), qty: '1.23' });
    await until('the book following again', () => sameTop('ETHUSD'));
    await ws.close();
  });

  it('keeps the paper account across a restart', async () => {
    const before = (await privateCall(mirror, 'Balance')).result;
    const closedBefore = Object.keys((await privateCall(mirror, 'ClosedOrders')).result.closed);
    await mirror.close();
    mirror = await startMirror();
    assert.deepEqual((await privateCall(mirror, 'Balance')).result, before);
    assert.deepEqual(Object.keys((await privateCall(mirror, 'ClosedOrders')).result.closed), closedBefore);
    // a resting order from before the restart still queues and fills
    const price = (Number(await bestBid(source)) - 1).toFixed(1);
    await control(source, '/book/level', { symbol: 'BTC/USD', side: 'bids', price, qty: '0' });
    await until('the level gone on the mirror', async () => ((await levelQty(mirror, 'XBTUSD', 'bids', price)) === 0 ? true : undefined));
    const placed = await privateCall(mirror, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price, volume: '0.01' });
    const txid: string = placed.result.txid[0];
    await mirror.close();
    mirror = await startMirror();
    assert.equal((await order(txid)).status, 'open');
    await control(source, '/trade', { symbol: 'BTC/USD', price, qty: '0.01', side: 'sell' });
    await until('the restored order to fill', async () => ((await order(txid)).status === 'closed' ? true : undefined));
  });

  it('resets the paper account to its starting balances through the loopback control', async () => {
    const price = (Number(await bestBid(source)) - 50).toFixed(1);
    const placed = await privateCall(mirror, 'AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price, volume: '0.01' });
    assert.deepEqual(placed.error, []);
    // a connected client (the desk's hub, and through it every browser) hears of the reset on the private feed
    const token: string = (await privateCall(mirror, 'GetWebSocketsToken')).result.token;
    const ws = await openSocket(mirror.wsAuthUrl);
    ws.send({ method: 'subscribe', params: { channel: 'executions', token, snap_orders: true, snap_trades: false } });
    ws.send({ method: 'subscribe', params: { channel: 'balances', token, snapshot: true } });
    await ws.next((j) => j.channel === 'balances' && j.type === 'snapshot');
    const from = ws.frames.length;
    const reset = await control(mirror, '/paper/reset', {});
    assert.equal(reset.cancelledOrders, 1);
    assert.deepEqual(reset.balances, { USD: '100000000.0000', BTC: '10.0000000000', ETH: '0.0000000000' });
    const balance = (await privateCall(mirror, 'Balance')).result;
    assert.equal(balance.ZUSD, '100000000.0000');
    assert.equal(balance.XXBT, '10.0000000000');
    assert.equal(Number(balance.XETH ?? 0), 0);
    const ledgers = (await privateCall(mirror, 'Ledgers', { type: 'adjustment' })).result.ledger as Record<string, Loose>;
    assert.ok(Object.values(ledgers).some((l) => l.asset === 'XETH' && Number(l.balance) === 0));
    assert.equal((await order(placed.result.txid[0])).status, 'canceled');
    const cancelled = await ws.next((j) => j.channel === 'executions' && j.data?.some((r: Loose) => r.order_id === placed.result.txid[0] && r.exec_type === 'canceled'), 4000, from);
    assert.equal(cancelled.json.type, 'update');
    const balances = await ws.next((j) => j.channel === 'balances' && j.type === 'update', 4000, from);
    assert.ok(balances.json.data.some((b: Loose) => b.asset === 'USD' && b.balance === 100000000), balances.text);
    await ws.close();
  });

  it('refuses control ops that would script its market', async () => {
    const res = await fetch(`${mirror.controlUrl}/trade`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbol: 'BTC/USD', price: '1', qty: '1' }) });
    assert.equal(res.status, 409);
    assert.match(((await res.json()) as Loose).error, /mirrors/);
  });
});

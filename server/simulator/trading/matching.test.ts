import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type Loose, BTC, harness } from './test-helpers';

const order = async (h: ReturnType<typeof harness>, txid: string) => (await h.ok('QueryOrders', { txid, trades: 'true' }))[txid];

test('market buy walks the book: taker fees in quote, exact balances, trades and ledger rows', async () => {
  const h = harness();
  const { txid, descr } = await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '1.5' });
  assert.equal(descr.order, 'buy 1.50000000 XBTUSD @ market');
  assert.match(txid[0], /^O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}$/);
  const o = await order(h, txid[0]);
  assert.equal(o.status, 'closed');
  assert.equal(o.vol_exec, '1.50000000');
  assert.equal(o.cost, '45020.00000');
  assert.equal(o.fee, '180.08000');
  assert.equal(o.price, '30013.3');
  assert.equal(o.oflags, 'fciq');
  assert.equal(o.trades.length, 2);
  assert.deepEqual(h.market.takerFills.map((f) => [f.price, f.qty]), [['30010', '1'], ['30020', '0.5']]);
  const bal = await h.ok('Balance');
  assert.equal(bal.ZUSD, '954799.9200');
  assert.equal(bal.XXBT, '11.5000000000');
  const trades = await h.ok('TradesHistory');
  assert.equal(trades.count, 2);
  const t = trades.trades[o.trades[0]];
  assert.equal(t.pair, 'XXBTZUSD');
  assert.equal(t.maker, false);
  assert.equal(t.ordertxid, txid[0]);
  const ledger = await h.ok('Ledgers', { asset: 'ZUSD' });
  assert.equal(ledger.count, 2);
  const rows = Object.values(ledger.ledger) as Loose[];
  assert.deepEqual(rows.map((r) => [r.amount, r.fee, r.balance]).sort(), [
    ['-15010.0000', '60.0400', '954799.9200'], ['-30010.0000', '120.0400', '969869.9600'],
  ]);
  const q = await h.ok('QueryLedgers', { id: t.ledgers.join(',') });
  assert.deepEqual(Object.values(q).map((r: Loose) => r.asset).sort(), ['XXBT', 'ZUSD']);
  await h.trading.close();
});

test('limit buy rests with a hold, then fills as maker when a tick crosses it', async () => {
  const h = harness();
  const { txid } = await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29500.0', volume: '0.5' });
  assert.equal((await order(h, txid[0])).status, 'open');
  const ex = await h.ok('BalanceEx');
  assert.equal(ex.ZUSD.hold_trade, '14809.0000');
  assert.equal(ex.ZUSD.balance, '1000000.0000');
  h.market.move(BTC.id, '29600.0');
  assert.equal((await order(h, txid[0])).status, 'open', 'not crossed yet');
  h.market.move(BTC.id, '29400.0');
  const o = await order(h, txid[0]);
  assert.equal(o.status, 'closed');
  assert.equal(o.fee, '36.87500');
  assert.deepEqual(h.market.makerFills, [{ pairId: BTC.id, takerSide: 'sell', price: '29500', qty: '0.5' }]);
  const bal = await h.ok('Balance');
  assert.equal(bal.ZUSD, '985213.1250');
  assert.equal(bal.XXBT, '10.5000000000');
  assert.equal((await h.ok('BalanceEx')).ZUSD.hold_trade, '0.0000');
  assert.equal((await h.ok('TradesHistory')).trades[o.trades[0]].maker, true);
  await h.trading.close();
});

test('sell limit pays the fee in base by default (fcib); fciq moves it to quote', async () => {
  const h = harness();
  await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '31000.0', volume: '1' });
  await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '31000.0', volume: '1', oflags: 'fciq' });
  h.market.move(BTC.id, '31100.0');
  const bal = await h.ok('Balance');
  assert.equal(bal.XXBT, '7.9975000000');
  assert.equal(bal.ZUSD, '1061922.5000');
  await h.trading.close();
});

test('stop-loss sells at market once last falls through the stop; take-profit buys when last falls to it', async () => {
  const h = harness();
  const stop = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'stop-loss', price: '29000.0', volume: '0.2' })).txid[0];
  const tp = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'take-profit', price: '28000.0', volume: '0.1' })).txid[0];
  assert.equal((await order(h, stop)).descr.order, 'sell 0.20000000 XBTUSD @ stop loss 29000.0');
  h.market.move(BTC.id, '29100.0');
  assert.equal((await order(h, stop)).status, 'open');
  h.market.move(BTC.id, '28950.0');
  let s = await order(h, stop);
  assert.equal(s.status, 'closed');
  assert.equal(s.misc, 'stopped');
  assert.equal(s.price, '28945.0', 'filled at the best bid after the move');
  assert.equal((await order(h, tp)).status, 'open');
  h.market.move(BTC.id, '27990.0');
  s = await order(h, tp);
  assert.equal(s.status, 'closed');
  assert.equal(s.misc, 'touched');
  assert.equal(s.price, '27995.0', 'bought at the best ask');
  await h.trading.close();
});

test('stop-loss-limit triggers into a limit order that rests when not marketable', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'stop-loss-limit', price: '29000.0', price2: '29500.0', volume: '0.2' })).txid[0];
  let o = await order(h, id);
  assert.equal(o.descr.order, 'sell 0.20000000 XBTUSD @ stop loss 29000.0 -> limit 29500.0');
  h.market.move(BTC.id, '28900.0');
  o = await order(h, id);
  assert.equal(o.status, 'open', 'triggered, resting at 29500 above the market');
  assert.equal(o.limitprice, '29500.0');
  h.market.move(BTC.id, '29600.0');
  o = await order(h, id);
  assert.equal(o.status, 'closed');
  assert.equal(o.price, '29500.0');
  await h.trading.close();
});

test('trailing stop follows the best price and sells when last drops by the offset', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'trailing-stop', price: '+100', volume: '0.1' })).txid[0];
  h.market.move(BTC.id, '30500.0');
  h.market.move(BTC.id, '30450.0');
  assert.equal((await order(h, id)).status, 'open', 'only 50 below the peak');
  assert.equal((await order(h, id)).stopprice, '30400.0');
  h.market.move(BTC.id, '30390.0');
  const o = await order(h, id);
  assert.equal(o.status, 'closed');
  assert.equal(o.price, '30385.0');
  await h.trading.close();
});

test('trailing-stop-limit places its limit at the trigger price plus the offset', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'trailing-stop-limit', price: '+1%', price2: '+50', volume: '0.1' })).txid[0];
  h.market.move(BTC.id, '29000.0');
  h.market.move(BTC.id, '29300.0');
  const o = await order(h, id);
  assert.equal(o.status, 'closed', 'limit 29340 crosses the ask 29305');
  assert.equal(o.limitprice, '29340.0');
  assert.equal(o.price, '29305.0');
  await h.trading.close();
});

test('iceberg shows a slice, refills after each fill, and completes', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'iceberg', price: '31000.0', volume: '1.5', displayvol: '0.5' })).txid[0];
  h.market.move(BTC.id, '31100.0');
  let o = await order(h, id);
  assert.equal(o.vol_exec, '0.50000000');
  assert.equal(o.status, 'open');
  h.market.move(BTC.id, '31200.0');
  h.market.move(BTC.id, '31300.0');
  o = await order(h, id);
  assert.equal(o.vol_exec, '1.50000000');
  assert.equal(o.status, 'closed');
  assert.equal(h.market.makerFills.length, 3);
  await h.trading.close();
});

test('IOC fills what crosses and cancels the rest; post-only that would take is cancelled', async () => {
  const h = harness();
  const ioc = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '30020.0', volume: '4', timeinforce: 'IOC' })).txid[0];
  let o = await order(h, ioc);
  assert.equal(o.status, 'canceled');
  assert.equal(o.vol_exec, '3.00000000');
  assert.equal(o.cost, '90050.00000');
  const post = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '30060.0', volume: '0.1', oflags: 'post' })).txid[0];
  o = await order(h, post);
  assert.equal(o.status, 'canceled');
  assert.equal(o.reason, 'Post only order');
  assert.equal(o.vol_exec, '0.00000000');
  await h.trading.close();
});

test('GTD expires at expiretm; starttm keeps an order pending until it starts', async () => {
  const h = harness({}, 0);
  const gtd = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.1', timeinforce: 'GTD', expiretm: '+30' })).txid[0];
  const later = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.1', starttm: '+10' })).txid[0];
  assert.equal((await order(h, later)).status, 'pending');
  h.clock.advance(11);
  assert.equal((await order(h, later)).status, 'open');
  assert.equal((await order(h, gtd)).status, 'open');
  h.clock.advance(20);
  const o = await order(h, gtd);
  assert.equal(o.status, 'expired');
  assert.equal(o.expiretm, Math.floor(h.clock.ms / 1000) - 1);
  await h.trading.close();
});

test('viqc buys for a quote amount; relative prices resolve against last', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '3001', oflags: 'viqc' })).txid[0];
  const o = await order(h, id);
  assert.equal(o.vol_exec, '0.10000000');
  assert.equal(o.cost, '3001.00000');
  const rel = await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '-1%', volume: '0.1' });
  assert.equal(rel.descr.order, 'buy 0.10000000 XBTUSD @ limit 29709.9');
  const hash = await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '#100', volume: '0.1' });
  assert.equal(hash.descr.order, 'sell 0.10000000 XBTUSD @ limit 30110.0');
  await h.trading.close();
});

test('TradeBalance values balances in USD at last prices', async () => {
  const h = harness();
  const tb = await h.ok('TradeBalance');
  // 1,000,000 USD + 10 BTC × 30005 + 200 ETH × 2000
  assert.equal(tb.eb, '1700050.0000');
  assert.equal(tb.e, tb.eb);
  await h.trading.close();
});

test('take-profit-limit buy triggers when last falls to the trigger, then buys at its limit', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'take-profit-limit', price: '29000.0', price2: '29100.0', volume: '0.1' })).txid[0];
  h.market.move(BTC.id, '29500.0');
  assert.equal((await order(h, id)).status, 'open');
  h.market.move(BTC.id, '28990.0');
  const o = await order(h, id);
  assert.equal(o.status, 'closed');
  assert.equal(o.misc, 'touched');
  assert.equal(o.price, '28995.0', 'limit 29100 crosses the ask 28995 and takes it');
  await h.trading.close();
});

test('REST counter through handlePrivate: starter tier answers EAPI:Rate limit exceeded on the 16th query', async () => {
  const h = harness({ tier: 'starter' }, 0);
  for (let i = 0; i < 15; i++) await h.ok('Balance');
  assert.equal(await h.err('Balance'), 'EAPI:Rate limit exceeded');
  assert.deepEqual((await h.call('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.1' })).error, [], 'trading calls do not use the REST counter');
  h.clock.advance(5);
  assert.equal(await h.err('TradesHistory'), 'EAPI:Rate limit exceeded', '15 − 1.65 + 2 is over 15');
  h.clock.advance(2);
  await h.ok('TradesHistory');
  await h.trading.close();
});

test('fee tiers follow the 30-day USD volume; TradeVolume reports it', async () => {
  const h = harness();
  const first = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '3.5' })).txid[0];
  assert.equal((await order(h, first)).fee, '420.30000', '0.40 % while below 100,000 USD');
  const second = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.1' })).txid[0];
  assert.equal((await order(h, second)).fee, '10.51750', '0.35 % once 105,075 USD traded');
  const tv = await h.ok('TradeVolume', { pair: 'XBTUSD' });
  assert.equal(tv.currency, 'ZUSD');
  assert.equal(tv.volume, '108080.0000');
  assert.deepEqual(tv.fees.XXBTZUSD, { fee: '0.3500', minfee: '0.3500', maxfee: '0.4000', nextfee: null, nextvolume: null, tiervolume: '100000.0000' });
  assert.equal(tv.fees_maker.XXBTZUSD.fee, '0.2000');
  h.clock.advance(31 * 86400);
  assert.equal((await h.ok('TradeVolume')).volume, '0.0000', 'trades older than 30 days drop out');
  await h.trading.close();
});

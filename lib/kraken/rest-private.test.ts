import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeKraken, type FakeHandler } from './testing/fake-kraken';
import { createKrakenClient } from './rest';
import { KrakenError } from './errors';
import * as sample from './fixtures/rest-samples';

function setup(handlers: Record<string, FakeHandler> = {}) {
  const fake = createFakeKraken({ handlers: { AssetPairs: () => ({ result: sample.assetPairs }), ...handlers } });
  let t = 1_700_000_000_000;
  const client = createKrakenClient({
    restUrl: 'http://kraken.test', apiKey: fake.apiKey, apiSecret: fake.apiSecret, fetch: fake.fetch,
    now: () => t, sleep: async (ms) => { t += ms; }, random: () => 0.25, timeoutMs: 50,
  });
  return { fake, client };
}

test('Balance and BalanceEx map asset ids to codes; available = balance + credit − used − hold', async () => {
  const { client } = setup({
    Balance: () => ({ result: { ZUSD: '171288.6158', XXBT: '1011.1908877900', 'DOT.S': '5.0' } }),
    BalanceEx: () => ({ result: { ZUSD: { balance: 25435.21, hold_trade: '8249.76', credit: '10', credit_used: '2.5' } } }),
  });
  assert.deepEqual(await client.private.balance(), [
    { assetId: 'ZUSD', asset: 'USD', balance: '171288.6158' },
    { assetId: 'XXBT', asset: 'BTC', balance: '1011.1908877900' },
    { assetId: 'DOT.S', asset: 'DOT.S', balance: '5.0' },
  ]);
  const [usd] = await client.private.balanceEx();
  assert.deepEqual(usd, { assetId: 'ZUSD', asset: 'USD', balance: '25435.21', holdTrade: '8249.76', credit: '10', creditUsed: '2.5', available: '17192.95' });
});

test('TradeBalance names the one-letter fields', async () => {
  const { client, fake } = setup({
    TradeBalance: () => ({ result: { eb: '1101.3425', tb: '392.2264', m: '7.0354', n: '-10.0232', c: '21.1063', v: '31.1297', e: '382.2032', mf: '375.1678', ml: '5432.57' } }),
  });
  const tb = await client.private.tradeBalance('ZUSD');
  assert.equal(fake.callsOf('TradeBalance')[0]!.params.get('asset'), 'ZUSD');
  assert.equal(tb.equity, '382.2032');
  assert.equal(tb.unrealizedPnl, '-10.0232');
  assert.equal(tb.marginLevel, '5432.57');
  assert.equal(tb.unexecutedValue, undefined);
});

test('OpenOrders, ClosedOrders (with paging) and QueryOrders map orders', async () => {
  const { client, fake } = setup({
    OpenOrders: () => ({ result: { open: { 'OQCLML-BW3P3-BUCMWZ': sample.openOrder } } }),
    ClosedOrders: () => ({ result: { closed: { 'O2': sample.closedOrder }, count: 120 } }),
    QueryOrders: () => ({ result: { 'O2': sample.closedOrder } }),
  });
  const [open] = await client.private.openOrders({ trades: true, userref: 7 });
  assert.equal(fake.callsOf('OpenOrders')[0]!.params.get('trades'), 'true');
  assert.equal(fake.callsOf('OpenOrders')[0]!.params.get('userref'), '7');
  assert.equal(open!.txid, 'OQCLML-BW3P3-BUCMWZ');
  assert.equal(open!.symbol, 'BTC/USD');
  assert.equal(open!.side, 'buy');
  assert.equal(open!.price, '30010.0');
  assert.equal(open!.volumeExecuted, '0.37500000');
  assert.deepEqual(open!.oflags, ['fciq']);
  assert.deepEqual(open!.tradeIds, ['TCCCTY-WE2O6-P3NB37']);
  assert.equal(open!.userref, 0);
  assert.equal(open!.clOrdId, undefined);
  const page = await client.private.closedOrders({ ofs: 50, start: 1688000000, end: 'OQCLML-BW3P3-BUCMWZ' });
  const sent = fake.callsOf('ClosedOrders')[0]!.params;
  assert.equal(sent.get('ofs'), '50');
  assert.equal(sent.get('start'), '1688000000');
  assert.equal(sent.get('end'), 'OQCLML-BW3P3-BUCMWZ');
  assert.equal(page.count, 120);
  assert.deepEqual(page.orders[0]!.oflags, ['fcib', 'post']);
  assert.equal(page.orders[0]!.closeTime, 1688666600.1);
  const queried = await client.private.queryOrders(['O2', 'O3']);
  assert.equal(fake.callsOf('QueryOrders')[0]!.params.get('txid'), 'O2,O3');
  assert.equal(queried[0]!.status, 'closed');
  await assert.rejects(client.private.queryOrders([]), (e: KrakenError) => e.code === 'invalid_arguments');
  await assert.rejects(client.private.closedOrders({ ofs: -1 }), (e: KrakenError) => e.code === 'invalid_arguments');
});

test('TradesHistory and Ledgers map entries and pass paging', async () => {
  const { client, fake } = setup({
    TradesHistory: () => ({ result: { trades: { 'THVRQM-33VKH-UCI7BS': sample.trade }, count: 2346 } }),
    Ledgers: () => ({ result: { ledger: { 'L4UESK-KG3EQ-UFO4T5': sample.ledger }, count: 9 } }),
  });
  const history = await client.private.tradesHistory({ ofs: 50 });
  assert.equal(history.count, 2346);
  assert.equal(history.trades[0]!.symbol, 'BTC/USD');
  assert.equal(history.trades[0]!.maker, true);
  assert.equal(history.trades[0]!.tradeTxid, 'THVRQM-33VKH-UCI7BS');
  assert.equal(fake.callsOf('TradesHistory')[0]!.params.get('ofs'), '50');
  const ledgers = await client.private.ledgers({ assets: ['ZGBP'], start: 1688000000 });
  assert.equal(fake.callsOf('Ledgers')[0]!.params.get('asset'), 'ZGBP');
  assert.deepEqual(ledgers.entries[0], {
    ledgerId: 'L4UESK-KG3EQ-UFO4T5', refid: 'TJKLXX-PGMUI-4NTLXU', time: 1688464484.1787, type: 'trade', subtype: '',
    aclass: 'currency', assetId: 'ZGBP', asset: 'GBP', amount: '-24.5000', fee: '0.0490', balance: '459567.9171',
  });
});

test('QueryTrades and QueryLedgers look up by id', async () => {
  const { client, fake } = setup({
    QueryTrades: () => ({ result: { 'THVRQM-33VKH-UCI7BS': sample.trade } }),
    QueryLedgers: () => ({ result: { 'L4UESK-KG3EQ-UFO4T5': sample.ledger } }),
  });
  const [trade] = await client.private.queryTrades(['THVRQM-33VKH-UCI7BS']);
  assert.equal(trade!.orderTxid, 'OQCLML-BW3P3-BUCMWZ');
  assert.equal(fake.callsOf('QueryTrades')[0]!.params.get('txid'), 'THVRQM-33VKH-UCI7BS');
  const [entry] = await client.private.queryLedgers(['L4UESK-KG3EQ-UFO4T5', 'L2']);
  assert.equal(entry!.asset, 'GBP');
  assert.equal(fake.callsOf('QueryLedgers')[0]!.params.get('id'), 'L4UESK-KG3EQ-UFO4T5,L2');
  await assert.rejects(client.private.queryTrades(Array.from({ length: 21 }, (_, i) => `T${i}`)), (e: KrakenError) => e.code === 'invalid_arguments');
});

test('AmendOrder, CancelOrder (txid, userref, cl_ord_id), CancelAll, CancelAllOrdersAfter, GetWebSocketsToken', async () => {
  const { client, fake } = setup({
    AmendOrder: () => ({ result: { amend_id: 'TEZA4R-DSDGT-IJBOJK' } }),
    CancelOrder: () => ({ result: { count: 1 } }),
    CancelAll: () => ({ result: { count: 4 } }),
    CancelAllOrdersAfter: (c) => ({ result: { currentTime: '2023-03-24T17:41:56Z', triggerTime: c.params.get('timeout') === '0' ? '0' : '2023-03-24T17:42:56Z' } }),
    GetWebSocketsToken: () => ({ result: { token: '1Dwc4lzSwNWOAwkMdqhssNNFhs1ed606d1WcF3XfEMw', expires: 900 } }),
  });
  assert.deepEqual(await client.private.amendOrder({ txid: 'OQCLML-BW3P3-BUCMWZ', limitPrice: '+1.5%', orderQty: '1.0', postOnly: true }), { amendId: 'TEZA4R-DSDGT-IJBOJK' });
  const amend = fake.callsOf('AmendOrder')[0]!.params;
  assert.equal(amend.get('limit_price'), '+1.5%');
  assert.equal(amend.get('post_only'), 'true');
  await assert.rejects(client.private.amendOrder({ txid: 'A', clOrdId: 'b' }), (e: KrakenError) => e.code === 'invalid_arguments');
  assert.deepEqual(await client.private.cancelOrder({ txid: 'OQCLML-BW3P3-BUCMWZ' }), { count: 1, pending: false });
  await client.private.cancelOrder({ userref: 42 });
  await client.private.cancelOrder({ clOrdId: 'desk-1' });
  const cancels = fake.callsOf('CancelOrder').map((c) => [c.params.get('txid'), c.params.get('cl_ord_id')]);
  assert.deepEqual(cancels, [['OQCLML-BW3P3-BUCMWZ', null], ['42', null], [null, 'desk-1']]);
  assert.deepEqual(await client.private.cancelAll(), { count: 4 });
  assert.deepEqual(await client.private.cancelAllOrdersAfter(60), { currentTime: '2023-03-24T17:41:56Z', triggerTime: '2023-03-24T17:42:56Z' });
  assert.equal((await client.private.cancelAllOrdersAfter(0)).triggerTime, undefined);
  await assert.rejects(client.private.cancelAllOrdersAfter(86400), (e: KrakenError) => e.code === 'invalid_arguments');
  assert.deepEqual(await client.private.getWebSocketsToken(), { token: '1Dwc4lzSwNWOAwkMdqhssNNFhs1ed606d1WcF3XfEMw', expiresSeconds: 900 });
});

test('private reads retry with a fresh nonce on each attempt; writes are sent once', async () => {
  let n = 0;
  let c = 0;
  const { client, fake } = setup({
    Balance: () => (++n < 3 ? { error: ['EService:Unavailable'] } : { result: { ZUSD: '1' } }),
    CancelAll: () => { c++; return { error: ['EService:Unavailable'] }; },
  });
  await client.private.balance();
  const nonces = fake.callsOf('Balance').map((x) => BigInt(x.nonce!));
  assert.equal(nonces.length, 3);
  assert.ok(nonces[0]! < nonces[1]! && nonces[1]! < nonces[2]!);
  await assert.rejects(client.private.cancelAll(), (e: KrakenError) => e.code === 'unavailable');
  assert.equal(c, 1);
});

test('Kraken errors on private calls become KrakenError with the raw strings', async () => {
  const { client } = setup({ CancelOrder: () => ({ error: ['EOrder:Invalid order'] }), Balance: () => ({ error: ['EGeneral:Permission denied'] }) });
  await assert.rejects(client.private.cancelOrder({ txid: 'GONE' }), (e: KrakenError) => e.code === 'invalid_order' && e.krakenErrors[0] === 'EOrder:Invalid order');
  await assert.rejects(client.private.balance(), (e: KrakenError) => e.code === 'permission_denied');
});

test('otp is sent in the signed body when configured', async () => {
  const fake = createFakeKraken({ handlers: { Balance: () => ({ result: {} }) } });
  const client = createKrakenClient({ restUrl: 'http://kraken.test', apiKey: fake.apiKey, apiSecret: fake.apiSecret, fetch: fake.fetch, otp: () => '123456' });
  await client.private.balance();
  assert.equal(fake.callsOf('Balance')[0]!.params.get('otp'), '123456');
  assert.equal(fake.stats.invalidSignature, 0);
});

test('a wrong secret is caught by the signature check; no key means invalid_key without a request', async () => {
  const fake = createFakeKraken({ handlers: { Balance: () => ({ result: {} }) } });
  const wrong = createKrakenClient({ restUrl: 'http://kraken.test', apiKey: fake.apiKey, apiSecret: Buffer.from('other').toString('base64'), fetch: fake.fetch });
  await assert.rejects(wrong.private.balance(), (e: KrakenError) => e.code === 'invalid_signature');
  const none = createKrakenClient({ restUrl: 'http://kraken.test', fetch: fake.fetch });
  await assert.rejects(none.private.balance(), (e: KrakenError) => e.code === 'invalid_key');
  assert.equal(fake.calls.length, 1);
});

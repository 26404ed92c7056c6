import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES } from '../../lib/protocol';
import { createHub } from './hub';
import { FakeSink, FakeUpstream } from './testing/fakes';
import { hubOnFakeUpstreams } from './testing/two-upstreams';
import { UpstreamBookSim } from './testing/book-model';
import { MirrorSink } from './testing/mirror-sink';
import type { MarketTicker } from '../../lib/kraken/market-updates';

const setup = hubOnFakeUpstreams;

const trade = (id: number) => ({ id, price: '100.0', qty: '0.50000000', side: 'buy' as const, time: 1_700_000_000_000 + id });
const candle = (time: number, close: string) => ({ time, open: '1.0', high: '2.0', low: '0.5', close, vwap: '1.2', volume: '10.00000000', trades: 3 });
const ticker = (last: string): MarketTicker => ({
  bid: '99.9', bidQty: '1.0', ask: '100.1', askQty: '2.0', last, volume: '5.0', vwap: '100.0', low: '90.0', high: '110.0', change: '-1.5', changePct: '-1.48',
});

test('trades: a joiner gets the last 100 at once, de-duplicated; updates carry only new trades', () => {
  const { upstream, hub } = setup();
  hub.connect(new FakeSink()).subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  upstream.emit({ channel: 'trade', type: 'snapshot', symbol: 'BTC/USD', trades: Array.from({ length: 50 }, (_, i) => trade(i)) });
  for (let i = 40; i < 130; i += 10) {
    upstream.emit({ channel: 'trade', type: 'update', symbol: 'BTC/USD', trades: Array.from({ length: 10 }, (_, k) => trade(i + k)) });
  }
  const late = new FakeSink();
  hub.connect(late).subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  const [snap] = late.messages();
  const ids = (late.messages().find((m) => m.type === 'snapshot')?.data as { id: number }[]).map((t) => t.id);
  assert.equal(snap?.type, 'status');
  assert.equal(ids.length, 100);
  assert.equal(ids[0], 30);
  assert.equal(ids.at(-1), 129);
  const watcher = new FakeSink();
  hub.connect(watcher).subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  watcher.clear();
  upstream.emit({ channel: 'trade', type: 'update', symbol: 'BTC/USD', trades: [trade(129), trade(130)] });
  assert.deepEqual(watcher.messages().map((m) => (m.data as { id: number }[]).map((t) => t.id)), [[130]]);
});

test('ohlc and ticker: joiners get the current state; candles are replaced by open time', () => {
  const { upstream, hub } = setup();
  const a = hub.connect(new FakeSink());
  a.subscribe({ channel: 'ohlc', symbol: 'ETH/USD', interval: 60 });
  a.subscribe({ channel: 'ticker', symbol: 'ETH/USD' });
  upstream.emit({ channel: 'ohlc', type: 'snapshot', symbol: 'ETH/USD', interval: 60, candles: [candle(0, '1.0'), candle(3600, '1.1')] });
  upstream.emit({ channel: 'ohlc', type: 'update', symbol: 'ETH/USD', interval: 60, candles: [candle(3600, '1.3')] });
  upstream.emit({ channel: 'ohlc', type: 'update', symbol: 'ETH/USD', interval: 60, candles: [candle(7200, '1.4')] });
  upstream.emit({ channel: 'ticker', type: 'snapshot', symbol: 'ETH/USD', ticker: ticker('100.0') });
  upstream.emit({ channel: 'ticker', type: 'update', symbol: 'ETH/USD', ticker: ticker('101.0') });
  const late = new FakeSink();
  const b = hub.connect(late);
  b.subscribe({ channel: 'ohlc', symbol: 'ETH/USD', interval: 60 });
  b.subscribe({ channel: 'ticker', symbol: 'ETH/USD' });
  b.subscribe({ channel: 'ohlc', symbol: 'ETH/USD', interval: 5 });
  const ohlc = late.messages().find((m) => m.channel === 'ohlc');
  assert.deepEqual((ohlc?.data as { time: number; close: string }[]).map((c) => [c.time, c.close]), [[0, '1.0'], [3600, '1.3'], [7200, '1.4']]);
  assert.equal(ohlc?.interval, 60);
  assert.equal((late.messages().find((m) => m.channel === 'ticker')?.data as { last: string }).last, '101.0');
  assert.deepEqual(upstream.calls, ['sub ohlc:ETH/USD:60', 'sub ticker:ETH/USD', 'sub ohlc:ETH/USD:5'], 'only the new interval went upstream');
});

test('private channels: the snapshot and the updates since are replayed to a joiner, in order', () => {
  const { privateUpstream, hub } = setup();
  hub.connect(new FakeSink()).subscribe({ channel: 'executions' });
  privateUpstream.emit({ channel: 'executions', type: 'snapshot', data: [{ orderId: 'A', execType: 'new' }] });
  privateUpstream.emit({ channel: 'executions', type: 'update', data: [{ orderId: 'A', execType: 'filled' }], sequence: 2 });
  const late = new FakeSink();
  hub.connect(late).subscribe({ channel: 'executions' });
  assert.deepEqual(late.messages().filter((m) => m.type === 'private'), [
    { type: 'private', channel: 'executions', kind: 'snapshot', data: [{ orderId: 'A', execType: 'new' }] },
    { type: 'private', channel: 'executions', kind: 'update', data: [{ orderId: 'A', execType: 'filled' }] },
  ]);
  privateUpstream.setState('connecting');
  const afterLoss = new FakeSink();
  hub.connect(afterLoss).subscribe({ channel: 'executions' });
  assert.equal(afterLoss.messages().filter((m) => m.type === 'private').length, 0, 'nothing from before the private upstream was lost');
  const statuses = afterLoss.messages().filter((m) => m.type === 'status');
  assert.deepEqual(statuses.filter((m) => !m.account).map((m) => m.feed), ['live'], 'a private loss does not touch the market feed state');
  assert.deepEqual(statuses.filter((m) => m.account).map((m) => m.feed), ['resyncing'], 'the joiner hears that the account feed is down');
});

test('account feed loss: readers of executions or balances hear stale, resyncing, live once each; market readers nothing', () => {
  const { privateUpstream, hub } = setup();
  const both = new FakeSink(1);
  const bothConn = hub.connect(both);
  bothConn.subscribe({ channel: 'executions' });
  bothConn.subscribe({ channel: 'balances' });
  const market = new FakeSink(2);
  hub.connect(market).subscribe({ channel: 'ticker', symbol: 'BTC/USD' });
  both.clear();
  market.clear();
  privateUpstream.setState('connecting');
  privateUpstream.setState('live');
  const account = (sink: FakeSink) => sink.messages().filter((m) => m.type === 'status' && m.account === true).map((m) => m.feed);
  assert.deepEqual(account(both), ['stale', 'resyncing', 'live']);
  assert.deepEqual(market.messages(), [], 'the market feed stayed live and quiet');
  privateUpstream.setState('live');
  assert.deepEqual(account(both), ['stale', 'resyncing', 'live'], 'no repeat while nothing changes');
});

test('account update listeners hear private updates only: not snapshots, not market data', () => {
  const { upstream, privateUpstream, hub } = setup();
  let heard = 0;
  const off = hub.onAccountUpdate(() => heard++);
  const conn = hub.connect(new FakeSink());
  conn.subscribe({ channel: 'executions' });
  conn.subscribe({ channel: 'balances' });
  conn.subscribe({ channel: 'ticker', symbol: 'BTC/USD' });
  privateUpstream.emit({ channel: 'executions', type: 'snapshot', data: [] });
  privateUpstream.emit({ channel: 'balances', type: 'snapshot', data: [] });
  upstream.emit({ channel: 'ticker', type: 'snapshot', symbol: 'BTC/USD', ticker: ticker('100.0') });
  assert.equal(heard, 0);
  privateUpstream.emit({ channel: 'executions', type: 'update', data: [{ orderId: 'A', execType: 'trade' }], sequence: 2 });
  privateUpstream.emit({ channel: 'balances', type: 'update', data: [{ asset: 'BTC', balance: '1.0', wallet: 'spot' }], sequence: 2 });
  assert.equal(heard, 2);
  off();
  privateUpstream.emit({ channel: 'executions', type: 'update', data: [], sequence: 3 });
  assert.equal(heard, 2, 'unsubscribed');
});

test('a full private log asks upstream for a fresh snapshot instead of growing', () => {
  const { privateUpstream, hub } = setup();
  hub.connect(new FakeSink()).subscribe({ channel: 'balances' });
  privateUpstream.emit({ channel: 'balances', type: 'snapshot', data: [] });
  for (let i = 0; i < 500; i++) privateUpstream.emit({ channel: 'balances', type: 'update', data: [{ asset: 'USD', balance: '1', wallet: 'spot' }] });
  assert.deepEqual(privateUpstream.calls, ['sub balances', 'resub balances']);
});

test('private channels answer unavailable when the desk has no private upstream', () => {
  const { hub } = setup(false);
  const outcome = hub.connect(new FakeSink()).subscribe({ channel: 'balances' });
  assert.deepEqual(outcome, { ok: false, code: 'unavailable', message: 'private data is not configured on this desk' });
});

test('exchange status changes reach every browser; a refused subscription becomes an error frame', () => {
  const { upstream, hub } = setup();
  const sink = new FakeSink();
  hub.connect(sink).subscribe({ channel: 'book', symbol: 'NOPE/USD', depth: 10 });
  upstream.setExchange('maintenance');
  upstream.reject({ channel: 'book', symbol: 'NOPE/USD', depth: 10 }, 'Currency pair not supported NOPE/USD');
  assert.deepEqual(sink.messages().slice(1), [
    { type: 'status', feed: 'live', exchange: 'maintenance' },
    { type: 'error', code: 'subscription_rejected', message: 'book:NOPE/USD:10: Currency pair not supported NOPE/USD' },
  ]);
  assert.deepEqual(hub.stats().feeds, []);
  const joiner = new FakeSink();
  hub.connect(joiner);
  assert.deepEqual(joiner.messages(), [{ type: 'status', feed: 'live', exchange: 'maintenance' }]);
});

test('disconnectMember closes only that member; the subscription cap is enforced', () => {
  const { hub } = setup();
  const mine = [new FakeSink(7), new FakeSink(7)];
  const other = new FakeSink(8);
  for (const s of [...mine, other]) hub.connect(s).subscribe({ channel: 'ticker', symbol: 'BTC/USD' });
  assert.equal(hub.disconnectMember(7), 2);
  assert.deepEqual(mine.map((s) => s.closedWith?.code), [CLOSE_CODES.unauthorized, CLOSE_CODES.unauthorized]);
  assert.equal(other.closedWith, undefined);
  assert.equal(hub.stats().connections, 1);
  const small = createHub({ upstream: new FakeUpstream(), maxTopicsPerConnection: 2 });
  const conn = small.connect(new FakeSink());
  assert.equal(conn.subscribe({ channel: 'ticker', symbol: 'A/USD' }).ok, true);
  assert.equal(conn.subscribe({ channel: 'ticker', symbol: 'B/USD' }).ok, true);
  assert.equal(conn.subscribe({ channel: 'ticker', symbol: 'C/USD' }).ok, false);
});

test('hub.subscribe(key, sink) → unsubscribe, the one-subscription shape an SSE route uses', () => {
  const { upstream, hub } = setup();
  const sink = new FakeSink();
  const off = hub.subscribe({ channel: 'ticker', symbol: 'BTC/USD' }, sink);
  upstream.emit({ channel: 'ticker', type: 'snapshot', symbol: 'BTC/USD', ticker: ticker('1.0') });
  assert.equal(sink.messages().at(-1)?.channel, 'ticker');
  off();
  assert.deepEqual(upstream.calls, ['sub ticker:BTC/USD', 'unsub ticker:BTC/USD']);
});

test('randomised book stream at depth 25: browsers at depths 10 and 25 verify every frame', () => {
  const { upstream, hub } = setup();
  const browsers = [new MirrorSink(), new MirrorSink(), new MirrorSink()];
  hub.connect(browsers[0] as MirrorSink).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
  hub.connect(browsers[1] as MirrorSink).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 25 });
  const sim = new UpstreamBookSim('BTC/USD', 25);
  upstream.emit(sim.snapshot());
  // xorshift32: deterministic and well mixed in the low bits (a float LCG is not)
  let seed = 42;
  const rand = (n: number) => {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) % n;
  };
  for (let i = 0; i < 250; i++) {
    const side = (n: number, base: number, dir: number): [string, string][] =>
      Array.from({ length: n + 1 }, () => [(base + dir * rand(40) * 0.5).toFixed(1), rand(4) === 0 ? '0' : `${1 + rand(9)}.${String(rand(1e8)).padStart(8, '0')}`]);
    upstream.emit(sim.update(side(rand(4), 100.5, 1), side(rand(4), 99.5, -1)));
    if (i === 100) hub.connect(browsers[2] as MirrorSink).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
  }
  for (const b of browsers) {
    assert.deepEqual(b.mismatches, []);
    assert.ok(b.counts.bookUpdates > 50, `updates seen: ${browsers.map((x) => x.counts.bookUpdates).join(", ")}`);
  }
  assert.equal(hub.stats().resyncs, 0);
  assert.deepEqual(browsers[0]?.books.get('BTC/USD')?.sorted('bids'), sim.model.sorted('bids').slice(0, 10));
  assert.deepEqual(browsers[2]?.books.get('BTC/USD')?.sorted('asks'), sim.model.sorted('asks').slice(0, 10));
});

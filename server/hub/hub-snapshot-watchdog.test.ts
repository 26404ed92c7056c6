import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { createHub, type HubOptions } from './hub';
import { FakeSink, FakeUpstream } from './testing/fakes';
import { UpstreamBookSim } from './testing/book-model';

/** A subscribed book, trade or ohlc feed whose snapshot never comes is asked again, not left waiting forever. */

const BTC10 = { channel: 'book', symbol: 'BTC/USD', depth: 10 } as const;

function setup(t: { after(fn: () => void): void }, opts: Partial<HubOptions> = {}) {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval', 'Date'] });
  t.after(() => mock.timers.reset());
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 1000, snapshotTimeoutMs: 200, ...opts });
  upstream.setState('live');
  return { upstream, hub };
}

const resubs = (upstream: FakeUpstream) => upstream.calls.filter((c) => c.startsWith('resub'));

test('no snapshot within the timeout after subscribing → resubscribe, backing off; a snapshot ends it', (t) => {
  const { upstream, hub } = setup(t);
  const sink = new FakeSink();
  const conn = hub.connect(sink);
  conn.subscribe(BTC10);
  conn.subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  conn.subscribe({ channel: 'ohlc', symbol: 'BTC/USD', interval: 1 });
  conn.subscribe({ channel: 'ticker', symbol: 'BTC/USD' });
  mock.timers.tick(199);
  assert.deepEqual(resubs(upstream), []);
  mock.timers.tick(1);
  assert.deepEqual(resubs(upstream), ['resub book:BTC/USD:10', 'resub trade:BTC/USD', 'resub ohlc:BTC/USD:1']);
  assert.equal(hub.stats().snapshotRetries, 3);
  // the book's snapshot arrives; trade and ohlc stay silent and are asked again after 2 × the timeout
  upstream.emit(new UpstreamBookSim('BTC/USD', 10).snapshot());
  mock.timers.tick(399);
  assert.equal(resubs(upstream).length, 3);
  mock.timers.tick(1);
  assert.deepEqual(resubs(upstream).slice(3), ['resub trade:BTC/USD', 'resub ohlc:BTC/USD:1']);
  upstream.emit({ channel: 'trade', type: 'snapshot', symbol: 'BTC/USD', trades: [{ id: 1, price: '100.0', qty: '1.0', side: 'buy', time: 0 }] });
  upstream.emit({ channel: 'ohlc', type: 'snapshot', symbol: 'BTC/USD', interval: 1, candles: [] });
  mock.timers.tick(10_000);
  assert.equal(resubs(upstream).length, 5, 'nothing more once every snapshot arrived');
  assert.deepEqual(hub.stats().awaitingSnapshot, []);
});

test('after the upstream socket is lost every feed owes a new snapshot; the watchdog waits while there is no socket', (t) => {
  const { upstream, hub } = setup(t);
  const sim = new UpstreamBookSim('BTC/USD', 10);
  hub.connect(new FakeSink()).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  mock.timers.tick(1000);
  assert.deepEqual(resubs(upstream), []);
  upstream.setState('connecting');
  mock.timers.tick(1000);
  assert.deepEqual(resubs(upstream), [], 'no socket: the reconnect resubscribes by itself');
  upstream.setState('resyncing');
  assert.deepEqual(hub.stats().awaitingSnapshot, ['book:BTC/USD']);
  // the reconnect's resubscribe was swallowed: a new socket restarts the full wait, then the hub asks again
  mock.timers.tick(199);
  assert.deepEqual(resubs(upstream), []);
  mock.timers.tick(1);
  assert.deepEqual(resubs(upstream), ['resub book:BTC/USD:10']);
  upstream.emit(sim.snapshot());
  upstream.setState('live');
  assert.ok(hub.bookView('BTC/USD'));
  mock.timers.tick(60_000);
  assert.equal(resubs(upstream).length, 1);
});

test('a feed that is dropped (linger over, or refused) is no longer watched', (t) => {
  const { upstream, hub } = setup(t, { snapshotTimeoutMs: 5000 });
  const conn = hub.connect(new FakeSink());
  conn.subscribe(BTC10);
  conn.subscribe({ channel: 'trade', symbol: 'ETH/USD' });
  upstream.reject({ channel: 'trade', symbol: 'ETH/USD' }, 'Currency pair not supported');
  conn.close();
  mock.timers.tick(1000);
  assert.deepEqual(hub.stats().awaitingSnapshot, []);
  mock.timers.tick(60_000);
  assert.deepEqual(resubs(upstream), []);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACK_EVERY_BYTES, CLOSE_CODES, parseServerMessage } from '@/lib/protocol';
import { reconnectDelay } from './backoff';
import { FeedClient, type FeedEvent } from './feed-client';
import { FakeClock } from '@/lib/kraken/ws-test-fakes';
import { FakeTransport } from './testing/fakes';

const BTC_BOOK = { channel: 'book', symbol: 'BTC/USD', depth: 10 } as const;
const ETH_TICKER = { channel: 'ticker', symbol: 'ETH/USD' } as const;
const tickerFrame = (symbol: string, last: string) => ({
  type: 'update', channel: 'ticker', symbol,
  data: { bid: '1', bidQty: '1', ask: '2', askQty: '1', last, volume: '5', vwap: '1.5', low: '1', high: '2', change: '0.1', changePct: '1.0' },
});

function setup(options: { onUnauthorized?: () => void } = {}) {
  const clock = new FakeClock();
  const transport = new FakeTransport();
  const client = new FeedClient({ transport, clock, random: () => 0.5, heartbeatMs: 1000, parse: parseServerMessage, ...options });
  return { clock, transport, client };
}

describe('reconnectDelay', () => {
  it('grows exponentially up to the cap, with half of it jittered', () => {
    const opts = { baseMs: 100, maxMs: 1000 };
    assert.equal(reconnectDelay(0, 0, opts), 50);
    assert.equal(reconnectDelay(0, 0.999, opts), 100);
    assert.equal(reconnectDelay(2, 0, opts), 200);
    assert.equal(reconnectDelay(10, 0, opts), 500);
    assert.equal(reconnectDelay(10, 1, opts), 1000);
  });
});

describe('FeedClient frame validator', () => {
  const flush = () => new Promise((resolve) => setImmediate(resolve));

  it('is loaded before the first connection (not with the page), once, and then validates every frame', async () => {
    const clock = new FakeClock();
    const transport = new FakeTransport();
    let loads = 0;
    const client = new FeedClient({ transport, clock, loadParser: async () => (loads++, parseServerMessage) });
    const events: FeedEvent[] = [];
    client.subscribe({ channel: 'ticker', symbol: 'BTC/USD' }, (e) => events.push(e));
    client.subscribe({ channel: 'trade', symbol: 'BTC/USD' }, () => undefined);
    assert.equal(transport.connections.length, 0, 'no connection before the validator is there');
    await flush();
    assert.equal(loads, 1);
    assert.equal(transport.connections.length, 1);
    transport.last.open();
    transport.last.deliver(tickerFrame('BTC/USD', '10'));
    transport.last.deliver({ ...tickerFrame('BTC/USD', '11'), data: { last: 'eleven' } });
    assert.equal(events.length, 1);
    assert.equal(client.invalidFrames, 1);
  });

  it('a validator that does not load counts as a failed attempt and is tried again after the backoff', async () => {
    const clock = new FakeClock();
    const transport = new FakeTransport();
    let fail = true;
    const client = new FeedClient({
      transport, clock, random: () => 0.5,
      loadParser: async () => {
        if (fail) throw new Error('chunk failed to load');
        return parseServerMessage;
      },
    });
    client.subscribe({ channel: 'ticker', symbol: 'BTC/USD' }, () => undefined);
    await flush();
    assert.equal(transport.connections.length, 0);
    assert.equal(client.state, 'connecting');
    fail = false;
    clock.advance(60_000);
    await flush();
    assert.equal(transport.connections.length, 1);
  });
});

describe('FeedClient', () => {
  it('delivers private account frames only to that channel\'s listeners', () => {
    const { transport, client } = setup();
    const executions: FeedEvent[] = [];
    const balances: FeedEvent[] = [];
    client.subscribe({ channel: 'executions' }, (e) => executions.push(e));
    client.subscribe({ channel: 'balances' }, (e) => balances.push(e));
    transport.last.open();
    assert.deepEqual(transport.last.ops, [
      { op: 'subscribe', channel: 'executions' },
      { op: 'subscribe', channel: 'balances' },
    ]);
    transport.last.deliver({ type: 'private', channel: 'executions', kind: 'update', data: [{ order_id: 'OABC12-DEF34-GHI567', exec_type: 'new' }] });
    assert.equal(executions.length, 1);
    assert.equal(balances.length, 0);
    assert.equal(executions[0]?.type, 'private');
  });

  it('routes account feed status to the account channels only, leaving the tab state and books alone', () => {
    const { transport, client } = setup();
    const executions: FeedEvent[] = [];
    const book: FeedEvent[] = [];
    client.subscribe({ channel: 'executions' }, (e) => executions.push(e));
    client.subscribe(BTC_BOOK, (e) => book.push(e));
    transport.last.open();
    transport.last.deliver({ type: 'status', feed: 'live' });
    transport.last.deliver({ type: 'status', feed: 'stale', account: true });
    assert.deepEqual(executions, [{ type: 'status', feed: 'stale', account: true }]);
    assert.deepEqual(book, []);
    assert.equal(client.state, 'live');
  });

  it('opens one connection lazily and shares a subscription between listeners', () => {
    const { transport, client } = setup();
    assert.equal(transport.connections.length, 0);
    const a: FeedEvent[] = [];
    const b: FeedEvent[] = [];
    const offA = client.subscribe(ETH_TICKER, (e) => a.push(e));
    const offB = client.subscribe(ETH_TICKER, (e) => b.push(e));
    assert.equal(transport.connections.length, 1);
    transport.last.open();
    assert.deepEqual(transport.last.ops, [{ op: 'subscribe', channel: 'ticker', symbol: 'ETH/USD' }]);
    transport.last.deliver(tickerFrame('ETH/USD', '3000.1'));
    assert.equal(a.length, 1);
    assert.equal(b.length, 1);
    offA();
    assert.equal(transport.last.ops.length, 1, 'still one listener: no unsubscribe yet');
    offB();
    assert.deepEqual(transport.last.ops[1], { op: 'unsubscribe', channel: 'ticker', symbol: 'ETH/USD' });
    assert.equal(client.subscriptionCount, 0);
  });

  it('routes frames only to the subscription they belong to', () => {
    const { transport, client } = setup();
    const btc: FeedEvent[] = [];
    const eth: FeedEvent[] = [];
    client.subscribe({ channel: 'ticker', symbol: 'BTC/USD' }, (e) => btc.push(e));
    client.subscribe(ETH_TICKER, (e) => eth.push(e));
    transport.last.open();
    transport.last.deliver(tickerFrame('ETH/USD', '3000'));
    assert.equal(btc.length, 0);
    assert.equal(eth.length, 1);
  });

  it('drops frames that fail validation without crashing', () => {
    const { transport, client } = setup();
    const got: FeedEvent[] = [];
    client.subscribe(ETH_TICKER, (e) => got.push(e));
    transport.last.open();
    transport.last.deliver('not json');
    transport.last.deliver({ type: 'update', channel: 'ticker', symbol: 'ETH/USD', data: { last: 3000 } });
    transport.last.deliver({ type: 'status', feed: 'exploded' });
    transport.last.deliver(tickerFrame('ETH/USD', '1e5'));
    assert.equal(client.invalidFrames, 4);
    assert.equal(got.length, 0);
    assert.equal(client.state, 'connecting');
  });

  it('publishes the hub state, goes stale on a drop, reconnects with backoff and resubscribes everything', () => {
    const { clock, transport, client } = setup();
    const states: string[] = [];
    client.onState(() => states.push(client.state));
    client.subscribe(BTC_BOOK, () => undefined);
    client.subscribe(ETH_TICKER, () => undefined);
    transport.last.open();
    transport.last.deliver({ type: 'status', feed: 'live' });
    assert.equal(client.state, 'live');
    transport.last.drop();
    assert.equal(client.state, 'stale');
    assert.equal(transport.connections.length, 1, 'waits before reconnecting');
    clock.advance(reconnectDelay(0, 0.5) - 1);
    assert.equal(transport.connections.length, 1);
    clock.advance(1);
    assert.equal(transport.connections.length, 2);
    transport.last.open();
    assert.deepEqual(transport.last.ops, [
      { op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 10 },
      { op: 'subscribe', channel: 'ticker', symbol: 'ETH/USD' },
    ]);
    transport.last.deliver({ type: 'status', feed: 'live' });
    assert.deepEqual(states, ['live', 'stale', 'live']);
  });

  it('backs off longer after each failed attempt and reads offline after several', () => {
    const { clock, transport, client } = setup();
    client.subscribe(ETH_TICKER, () => undefined);
    transport.last.open();
    transport.last.deliver({ type: 'status', feed: 'live' });
    const waits: number[] = [];
    for (let attempt = 0; attempt < 4; attempt++) {
      transport.last.drop();
      const before = transport.connections.length;
      let waited = 0;
      while (transport.connections.length === before && waited < 60_000) {
        clock.advance(10);
        waited += 10;
      }
      waits.push(waited);
    }
    assert.ok(waits.every((w, i) => i === 0 || w > (waits[i - 1] as number)), `waits grow: ${waits.join(',')}`);
    assert.equal(client.state, 'offline');
    transport.last.open();
    transport.last.deliver({ type: 'status', feed: 'live' });
    assert.equal(client.state, 'live');
  });

  it('sends nothing for a subscription dropped while disconnected, and does not resubscribe it', () => {
    const { clock, transport, client } = setup();
    const off = client.subscribe(ETH_TICKER, () => undefined);
    client.subscribe(BTC_BOOK, () => undefined);
    transport.last.open();
    transport.last.drop();
    off();
    clock.advance(60_000);
    transport.last.open();
    assert.deepEqual(transport.last.ops, [{ op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 10 }]);
  });

  it('resubscribe sends unsubscribe then subscribe and keeps listeners', () => {
    const { transport, client } = setup();
    const got: FeedEvent[] = [];
    client.subscribe(BTC_BOOK, (e) => got.push(e));
    transport.last.open();
    client.resubscribe(BTC_BOOK);
    assert.deepEqual(transport.last.ops.slice(1), [
      { op: 'unsubscribe', channel: 'book', symbol: 'BTC/USD', depth: 10 },
      { op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 10 },
    ]);
    transport.last.deliver({ type: 'status', feed: 'resyncing', symbol: 'BTC/USD' });
    assert.deepEqual(got, [{ type: 'status', feed: 'resyncing', symbol: 'BTC/USD' }]);
    assert.equal(client.state, 'connecting', 'a per-symbol status does not change the connection state');
  });

  it('delivers a subscription error to the subscription it names', () => {
    const { transport, client } = setup();
    const got: FeedEvent[] = [];
    client.subscribe(BTC_BOOK, (e) => got.push(e));
    transport.last.open();
    transport.last.deliver({ type: 'error', code: 'subscription_rejected', message: 'book:BTC/USD:10: unknown pair' });
    transport.last.deliver({ type: 'error', code: 'subscription_rejected', message: 'book:BTC/USD:100: unknown pair' });
    assert.equal(got.length, 1);
  });

  it('on an unauthorized close goes offline, calls onUnauthorized and never reconnects', () => {
    let sentToLogin = 0;
    const { clock, transport, client } = setup({ onUnauthorized: () => sentToLogin++ });
    client.subscribe(ETH_TICKER, () => undefined);
    transport.last.open();
    transport.last.drop(CLOSE_CODES.unauthorized);
    assert.equal(sentToLogin, 1);
    assert.equal(client.state, 'offline');
    clock.advance(120_000);
    assert.equal(transport.connections.length, 1);
  });

  it('pings while open and reconnects when the connection goes silent', () => {
    const { clock, transport, client } = setup();
    client.subscribe(ETH_TICKER, () => undefined);
    transport.last.open();
    transport.last.deliver({ type: 'status', feed: 'live' });
    clock.advance(1000);
    assert.deepEqual(transport.last.ops.at(-1), { op: 'ping' });
    transport.last.deliver({ type: 'pong' });
    clock.advance(2000);
    assert.equal(transport.last.closedWith, undefined, 'frames arrived recently enough');
    clock.advance(1000);
    assert.equal(transport.connections[0]?.closedWith, 4000);
    assert.equal(client.state, 'stale');
  });

  it('acks the bytes it handled: 0 on open, then each time another ACK_EVERY_BYTES arrived, from 0 after a reconnect', () => {
    const { clock, transport, client } = setup();
    client.subscribe(ETH_TICKER, () => undefined);
    transport.last.open();
    assert.deepEqual(transport.last.sent[0], { op: 'ack', bytes: 0 }, 'the opening ack opts into flow control first');
    const frame = JSON.stringify(tickerFrame('ETH/USD', '1.5'));
    const perAck = Math.ceil(ACK_EVERY_BYTES / frame.length);
    for (let i = 0; i < perAck - 1; i++) transport.last.deliver(frame);
    assert.deepEqual(transport.last.acks, [0], 'not yet ACK_EVERY_BYTES handled');
    transport.last.deliver(frame);
    assert.deepEqual(transport.last.acks, [0, perAck * frame.length]);
    const garbage = 'x'.repeat(ACK_EVERY_BYTES);
    transport.last.deliver(garbage);
    assert.deepEqual(transport.last.acks, [0, perAck * frame.length, perAck * frame.length + garbage.length],
      'a frame that fails validation counts too: the hub counted its bytes');
    assert.equal(client.invalidFrames, 1);
    transport.last.drop();
    clock.advance(60_000);
    transport.last.open();
    assert.deepEqual(transport.last.acks, [0], 'a new connection counts from zero');
  });

  it('handles each frame of a coalesced message in order, each validated on its own, as if it came alone', () => {
    const { transport, client } = setup();
    const got: FeedEvent[] = [];
    client.subscribe(ETH_TICKER, (e) => got.push(e));
    client.subscribe(BTC_BOOK, (e) => got.push(e));
    transport.last.open();
    const message = [
      { type: 'status', feed: 'live' },
      tickerFrame('ETH/USD', '1.5'),
      { type: 'update', channel: 'ticker', symbol: 'ETH/USD', data: { last: 'not a price' } },
      { type: 'status', feed: 'resyncing', symbol: 'BTC/USD' },
      tickerFrame('ETH/USD', '1.6'),
    ].map((m) => JSON.stringify(m)).join('\n');
    transport.last.deliver(message);
    assert.equal(client.state, 'live');
    assert.deepEqual(got, [tickerFrame('ETH/USD', '1.5'), { type: 'status', feed: 'resyncing', symbol: 'BTC/USD' }, tickerFrame('ETH/USD', '1.6')]);
    assert.equal(client.invalidFrames, 1, 'the invalid frame is dropped alone; the frames around it still count');
  });

  it('acks the bytes of the frames a coalesced message carries, not the separators between them, as the hub counts them', () => {
    const { transport, client } = setup();
    client.subscribe(ETH_TICKER, () => undefined);
    transport.last.open();
    const frame = JSON.stringify(tickerFrame('ETH/USD', '1.5'));
    const perAck = Math.ceil(ACK_EVERY_BYTES / frame.length);
    const perMessage = 10;
    const messages = Math.ceil(perAck / perMessage);
    for (let i = 0; i < messages; i++) transport.last.deliver(Array.from({ length: perMessage }, () => frame).join('\n'));
    assert.deepEqual(transport.last.acks, [0, messages * perMessage * frame.length], 'one ack, after the message that crossed the mark');
  });
});

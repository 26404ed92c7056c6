import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KrakenWsClient } from './ws-client';
import { groupEntries, entriesOf, unsubscribeParams } from './ws-subscriptions';
import { FakeClock, FakeWebSocket } from './ws-test-fakes';
import type { KrakenWsError } from './ws-types';

function open(options: { getToken?: () => Promise<string> } = {}) {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: FakeWebSocket, now: clock.now, timers: clock, random: () => 0, ...options });
  const errors: KrakenWsError[] = [];
  client.on('error', (e) => errors.push(e));
  client.connect();
  return { client, clock, errors };
}

test('"Already subscribed" counts as an ack; a subscribe of an acked key resolves at once without a frame', async () => {
  const { client } = open();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const first = client.subscribe({ channel: 'ticker', symbol: ['BTC/USD'] });
  const req = ws.lastRequest('subscribe');
  ws.serverSend({ method: 'subscribe', req_id: req.req_id, success: false, error: 'Already subscribed', symbol: 'BTC/USD' });
  await first;
  const sent = ws.sent.length;
  await client.subscribe({ channel: 'ticker', symbol: ['BTC/USD'] });
  assert.equal(ws.sent.length, sent);
});

test('a refusal that names no symbol refuses every symbol still waiting in that request', async () => {
  const { client } = open();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const done = client.subscribe({ channel: 'book', symbol: ['A/B', 'C/D'], depth: 10 });
  ws.serverSend({ error: 'Subscription depth not supported', success: false, req_id: ws.lastRequest('subscribe').req_id });
  await assert.rejects(done, /depth not supported/);
  assert.deepEqual(client.subscriptions(), []);
});

test('unanswered subscribes and requests time out; the subscription stays remembered', async () => {
  const { client, clock } = open();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const sub = client.subscribe({ channel: 'trade', symbol: ['BTC/USD'] });
  const ping = client.ping();
  for (let i = 0; i < 11; i++) {
    clock.advance(1000);
    ws.serverSend({ channel: 'heartbeat' });
  }
  await assert.rejects(sub, /not acknowledged within 10000 ms/);
  await assert.rejects(ping, /ping timed out/);
  assert.deepEqual(client.subscriptions().map((s) => [s.key, s.acked]), [['trade|BTC/USD|', false]]);
});

test('private frames (executions, balances) are validated and delivered with decimal text', () => {
  const { client, errors } = open({ getToken: async () => 't' });
  return new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
    const ws = FakeWebSocket.latest();
    ws.serverOpen();
    const got: unknown[] = [];
    client.on('executions', (f) => got.push(f.data[0]?.limit_price, f.sequence));
    client.on('balances', (f) => got.push(f.data[0]?.balance));
    ws.serverSend('{"channel":"executions","type":"update","data":[{"order_id":"O1","exec_type":"new","limit_price":26500.0,"order_qty":0.005}],"sequence":8}');
    ws.serverSend('{"channel":"balances","type":"snapshot","data":[{"asset":"USD","asset_class":"currency","balance":1000.0000}],"sequence":1}');
    ws.serverSend('{"channel":"executions","type":"update","data":[{"order_id":7}]}');
    assert.deepEqual(got, ['26500.0', 8, '1000.0000']);
    assert.equal(errors.length, 1);
    assert.match(errors[0]?.message ?? '', /executions: data\.0\.order_id/);
  });
});

test('a WebSocket constructor that throws is reported and retried', () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  let calls = 0;
  class Refusing extends FakeWebSocket {
    constructor(url: string) {
      calls++;
      if (calls === 1) throw new SyntaxError('bad url');
      super(url);
    }
  }
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: Refusing, now: clock.now, timers: clock, random: () => 0 });
  const errors: KrakenWsError[] = [];
  client.on('error', (e) => errors.push(e));
  client.connect();
  assert.equal(errors[0]?.kind, 'socket');
  assert.equal(client.state, 'offline');
  clock.advance(1000);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(client.state, 'connecting');
});

test('a response with an error but no req_id is reported; binary frames are decoded', () => {
  const { client, errors } = open();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const statuses: string[] = [];
  client.on('status', (f) => statuses.push(f.data[0]?.connection_id ?? ''));
  ws.serverSend({ error: 'Malformed request', success: false });
  assert.equal(errors[0]?.krakenError, 'Malformed request');
  const status = '{"channel":"status","type":"update","data":[{"system":"online","api_version":"v2","connection_id":18446744073709551615,"version":"2.0.10"}]}';
  ws.onmessage?.({ data: new TextEncoder().encode(status) });
  assert.deepEqual(statuses, ['18446744073709551615']);
});

test('subscription entries group back into requests and unsubscribe echoes key params only', () => {
  const entries = [
    ...entriesOf({ channel: 'book', symbol: ['A/B', 'C/D'], depth: 100, snapshot: false }),
    ...entriesOf({ channel: 'ticker', symbol: ['A/B'], event_trigger: 'bbo' }),
    ...entriesOf({ channel: 'executions', snap_orders: false, token: 'secret' }),
  ];
  assert.deepEqual(entries.map((e) => e.key), ['book|A/B|100', 'book|C/D|100', 'ticker|A/B|', 'executions||']);
  assert.deepEqual(
    groupEntries(entries, true).map((g) => g.params),
    [
      { channel: 'book', depth: 100, snapshot: true, symbol: ['A/B', 'C/D'] },
      { channel: 'ticker', event_trigger: 'bbo', snapshot: true, symbol: ['A/B'] },
      { channel: 'executions', snap_orders: false },
    ],
    'snapshot forced on public channels; the token is never remembered',
  );
  assert.deepEqual(unsubscribeParams(entries.slice(0, 2)), { channel: 'book', symbol: ['A/B', 'C/D'], depth: 100 });
});

test('a watchdog tick that fires late (starved process) gets one grace tick before judging silence', () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  // a clock that jumps: the process was frozen for 8 s while frames sat unread in the socket
  let frozenFor = 0;
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: FakeWebSocket, now: () => clock.now() + frozenFor, timers: clock, random: () => 0 });
  client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  frozenFor = 8000;
  clock.advance(500); // the first tick after the freeze is late: no verdict yet
  assert.equal(ws.closedWith?.code, undefined);
  ws.serverSend({ channel: 'heartbeat' }); // the buffered frame is read before the next tick
  clock.advance(500);
  assert.equal(ws.closedWith?.code, undefined, 'the frame that was waiting keeps the socket');
  frozenFor += 8000;
  clock.advance(500);
  clock.advance(500); // second tick on time, still silent for 8 s: dead
  assert.equal(ws.closedWith?.code, 4000);
});

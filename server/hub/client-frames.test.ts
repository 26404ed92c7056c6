import { test } from 'node:test';
import assert from 'node:assert/strict';
import { canReadPrivate, PRIVATE_CHANNEL_READERS } from './access';
import { keyOf, parseClientFrame } from './client-frames';
import { FeedStatus } from './feed-status';

test('browser frames: valid ones parse, garbage and schema errors are told apart with specific reasons', () => {
  const ok = parseClientFrame('{"op":"subscribe","channel":"ohlc","symbol":"ETH/USD","interval":60}');
  assert.equal(ok.kind, 'message');
  if (ok.kind === 'message' && ok.message.op !== 'ping' && ok.message.op !== 'ack') {
    assert.deepEqual(keyOf(ok.message), { channel: 'ohlc', symbol: 'ETH/USD', interval: 60 });
  }
  assert.deepEqual(parseClientFrame('{"op":"ack","bytes":65536}'), { kind: 'message', message: { op: 'ack', bytes: 65536 } });
  assert.deepEqual(parseClientFrame('{"op":'), { kind: 'garbage', message: 'frame is not JSON' });
  const reasons = [
    ['[1,2]', 'expected a JSON object'],
    ['{"op":"drop"}', 'unknown op "drop"'],
    ['{"op":"subscribe","channel":"level3"}', 'unknown channel "level3"'],
    ['{"op":"subscribe","channel":"book","symbol":"btc-usd"}', 'symbol must look like BTC/USD'],
    ['{"op":"subscribe","channel":"book","symbol":"BTC/USD","depth":7}', 'depth must be one of 10, 25, 100, 500, 1000'],
    ['{"op":"subscribe","channel":"ohlc","symbol":"BTC/USD","interval":2}', 'interval must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600'],
    ['{"op":"subscribe","channel":"balances","symbol":"BTC/USD"}', 'unexpected fields for balances'],
    ['{"op":"ping","id":"x"}', 'ping takes only an optional integer id'],
    ['{"op":"ack","bytes":-1}', 'ack takes only bytes, a non-negative integer'],
    ['{"op":"ack","bytes":1.5}', 'ack takes only bytes, a non-negative integer'],
  ] as const;
  for (const [text, message] of reasons) assert.deepEqual(parseClientFrame(text), { kind: 'invalid', message }, text);
});

test('private channels: the role table is explicit and every desk role may read both channels', () => {
  assert.deepEqual(PRIVATE_CHANNEL_READERS, { executions: ['viewer', 'trader', 'admin'], balances: ['viewer', 'trader', 'admin'] });
  for (const role of ['viewer', 'trader', 'admin'] as const) {
    assert.equal(canReadPrivate(role, 'executions'), true);
    assert.equal(canReadPrivate(role, 'balances'), true);
  }
  assert.equal(canReadPrivate('guest' as never, 'balances'), false, 'an unknown role reads nothing');
});

test('feed status: any loss after live shows stale first; before the first connection it is connecting', () => {
  const s = new FeedStatus();
  assert.deepEqual(s.next('resyncing'), []);
  assert.deepEqual(s.next('live'), ['live']);
  assert.deepEqual(s.next('connecting'), ['stale', 'resyncing']);
  assert.deepEqual(s.next('resyncing'), []);
  assert.deepEqual(s.next('live'), ['live']);
  assert.deepEqual(s.next('stale'), ['stale']);
  assert.deepEqual(s.next('live'), ['live']);
  assert.deepEqual(s.next('offline'), ['stale', 'offline']);
});

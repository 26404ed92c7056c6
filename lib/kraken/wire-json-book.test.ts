import { test } from 'node:test';
import assert from 'node:assert/strict';
import vectors from './fixtures/test-vectors.json' with { type: 'json' };
import { parseBookFrameFast } from './wire-json-book';
import { createWireJsonParser, parseWireJson } from './wire-json';

const general = createWireJsonParser();

test('the book fast path gives exactly what the general parser gives', () => {
  const frames = [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45281.0,"qty":0.10000000}],"asks":[],"checksum":3310070434,"timestamp":"2023-10-06T17:35:55.440295Z"}]}',
    '{"channel":"book","type":"snapshot","data":[{"symbol":"BTC/USD","bids":[],"asks":[{"price":1,"qty":5.1e-05},{"price":-0.5,"qty":1E2}],"checksum":0}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"A/B","bids":[],"asks":[],"checksum":1},{"symbol":"C/D","bids":[],"asks":[],"checksum":2}]}',
    ...[vectors.book_replay_v2.snapshot, ...vectors.book_replay_v2.updates].map((m) => JSON.stringify(m)),
  ];
  for (const frame of frames) {
    const fast = parseBookFrameFast(frame);
    assert.notEqual(fast, undefined, frame);
    assert.deepEqual(fast, general.parse(frame), frame);
    assert.deepEqual(parseWireJson(frame), general.parse(frame));
  }
});

test('any other layout falls back to the general parser', () => {
  const variants = [
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","asks":[],"bids":[],"checksum":1}]}',
    '{"channel":"book", "type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":1}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC\\/USD","bids":[],"asks":[],"checksum":1}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":1,"extra":true}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":01,"qty":1}],"asks":[],"checksum":1}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":"1.0","qty":1}],"asks":[],"checksum":1}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":1}]} ',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[],"asks":[],"checksum":1}',
  ];
  for (const frame of variants) assert.equal(parseBookFrameFast(frame), undefined, frame);
  assert.deepEqual(parseWireJson(variants[0] as string), general.parse(variants[0] as string));
  assert.deepEqual((parseWireJson(variants[2] as string) as { data: { symbol: string }[] }).data[0]?.symbol, 'BTC/USD');
  assert.throws(() => parseWireJson(variants[7] as string), SyntaxError);
});

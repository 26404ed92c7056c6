import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeForm, joinUrl, readEnvelope, sendKrakenRequest, type FetchLike } from './rest-http';
import { KrakenError } from './errors';

const config = (fetch: FetchLike, timeoutMs = 1000) => ({ fetch, timeoutMs, userAgent: 'kraken-desk-test' });
const reply = (status: number, text: string): FetchLike => async () => ({ status, text: async () => text });

test('returns result, ignores warnings, sends User-Agent', async () => {
  let seen: Record<string, string> = {};
  const fetch: FetchLike = async (_url, init) => {
    seen = init.headers;
    return { status: 200, text: async () => '{"error":["WGeneral:Deprecated"],"result":{"x":1}}' };
  };
  assert.deepEqual(await sendKrakenRequest(config(fetch), 'http://k/0/public/Time', { method: 'GET' }).outcome, { x: 1 });
  assert.equal(seen['User-Agent'], 'kraken-desk-test');
});

test('maps Kraken errors, HTTP errors, bad bodies and network failures to KrakenError codes', async () => {
  const cases: [FetchLike, string][] = [
    [reply(200, '{"error":["EService:Unavailable"]}'), 'unavailable'],
    [reply(502, '<html>bad gateway</html>'), 'http_error'],
    [reply(200, 'not json'), 'bad_response'],
    [reply(200, '{"result":{}}'), 'bad_response'],
    [reply(200, '{"error":[]}'), 'bad_response'],
    [async () => { throw new TypeError('fetch failed'); }, 'network_error'],
  ];
  for (const [fetch, code] of cases) {
    await assert.rejects(sendKrakenRequest(config(fetch), 'http://k/x', { method: 'GET' }).outcome, (e: KrakenError) => e.code === code, code);
  }
});

test('a response that never comes becomes a timeout and the request is aborted', async () => {
  let aborted = false;
  const fetch: FetchLike = (_url, init) => new Promise((_, reject) => {
    init.signal?.addEventListener('abort', () => { aborted = true; reject(new Error('aborted')); });
  });
  await assert.rejects(sendKrakenRequest(config(fetch, 20), 'http://k/x', { method: 'GET' }).outcome, (e: KrakenError) => e.code === 'timeout');
  assert.equal(aborted, true);
});

test('a fetch that ignores the abort signal still times out', async () => {
  const fetch: FetchLike = () => new Promise(() => undefined);
  await assert.rejects(sendKrakenRequest(config(fetch, 20), 'http://k/x', { method: 'GET' }).outcome, (e: KrakenError) => e.code === 'timeout');
});

test('encodeForm keeps order, skips undefined and encodes + and brackets', () => {
  assert.equal(encodeForm({ nonce: '1', starttm: '+5', price: '#2%', 'close[ordertype]': 'limit', skip: undefined }),
    'nonce=1&starttm=%2B5&price=%232%25&close%5Bordertype%5D=limit');
  assert.equal(joinUrl('http://h:1/', '/0/public/Time'), 'http://h:1/0/public/Time');
  assert.throws(() => readEnvelope('{"error":"EGeneral:x"}'), KrakenError);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EnvError, loadEnv } from './env';

test('loadEnv applies defaults: Kraken endpoints, 127.0.0.1:3000, data folder', () => {
  const env = loadEnv({});
  assert.equal(env.HOST, '127.0.0.1');
  assert.equal(env.PORT, 3000);
  assert.equal(env.KRAKEN_REST_URL, 'https://api.kraken.com');
  assert.equal(env.KRAKEN_WS_URL, 'wss://ws.kraken.com/v2');
  assert.equal(env.KRAKEN_WS_AUTH_URL, 'wss://ws-auth.kraken.com/v2');
  assert.equal(env.DATABASE_PATH, 'data/desk.sqlite');
  assert.equal(env.KRAKEN_API_KEY, undefined);
});

test('loadEnv reports every bad variable in one error', () => {
  try {
    loadEnv({ PORT: 'eighty', KRAKEN_WS_URL: 'http://x', KRAKEN_API_KEY: 'k', SESSION_PASSWORD: 'short' });
    assert.fail('expected EnvError');
  } catch (error) {
    assert.ok(error instanceof EnvError);
    const text = error.problems.join('\n');
    assert.match(text, /^PORT:/m);
    assert.match(text, /^KRAKEN_WS_URL: must be a URL starting with wss:\/\/ or ws:\/\//m);
    assert.match(text, /^KRAKEN_API_SECRET: set both/m);
    assert.match(text, /^SESSION_PASSWORD: must be at least 32 characters/m);
    assert.equal(error.problems.length, 4);
  }
});

test('live production mode refuses to start without a session password', () => {
  assert.throws(() => loadEnv({ NODE_ENV: 'production', DESK_MODE: 'live' }), /SESSION_PASSWORD: is required in live mode/);
  assert.doesNotThrow(() => loadEnv({ NODE_ENV: 'production', DESK_MODE: 'demo' }));
});

test('loadEnv strips trailing slashes from URLs and rejects a non-base64 secret', () => {
  assert.equal(loadEnv({ KRAKEN_REST_URL: 'http://127.0.0.1:3001/' }).KRAKEN_REST_URL, 'http://127.0.0.1:3001');
  assert.throws(() => loadEnv({ KRAKEN_API_KEY: 'k', KRAKEN_API_SECRET: 'not base64!' }), /must be base64/);
});

test('FEED_STREAM_MAX_SECONDS defaults under a 300 s function limit and must be a whole number of seconds', () => {
  assert.equal(loadEnv({}).FEED_STREAM_MAX_SECONDS, 280);
  assert.equal(loadEnv({ FEED_STREAM_MAX_SECONDS: '12' }).FEED_STREAM_MAX_SECONDS, 12);
  assert.throws(() => loadEnv({ FEED_STREAM_MAX_SECONDS: 'soon' }), /^[\s\S]*FEED_STREAM_MAX_SECONDS:/m);
  assert.throws(() => loadEnv({ FEED_STREAM_MAX_SECONDS: '0' }), /FEED_STREAM_MAX_SECONDS:/);
});

test('TRUST_PROXY is off by default and takes true/false or a number of proxies', () => {
  assert.equal(loadEnv({}).TRUST_PROXY, 0);
  assert.equal(loadEnv({ TRUST_PROXY: 'true' }).TRUST_PROXY, 1);
  assert.equal(loadEnv({ TRUST_PROXY: 'off' }).TRUST_PROXY, 0);
  assert.equal(loadEnv({ TRUST_PROXY: '2' }).TRUST_PROXY, 2);
  assert.throws(() => loadEnv({ TRUST_PROXY: 'sometimes' }), /TRUST_PROXY: must be false, true or the number/);
});

test('DESK_APPROVAL_ABOVE_USD: demo mode defaults to 50000, live mode to no approval step, "off" turns it off', () => {
  assert.equal(loadEnv({ DESK_MODE: 'demo' }).DESK_APPROVAL_ABOVE_USD, '50000');
  assert.equal(loadEnv({ DESK_MODE: 'live' }).DESK_APPROVAL_ABOVE_USD, null);
  assert.equal(loadEnv({ DESK_MODE: 'live', DESK_APPROVAL_ABOVE_USD: '250000.50' }).DESK_APPROVAL_ABOVE_USD, '250000.50');
  assert.equal(loadEnv({ DESK_MODE: 'demo', DESK_APPROVAL_ABOVE_USD: 'off' }).DESK_APPROVAL_ABOVE_USD, null);
  assert.throws(() => loadEnv({ DESK_APPROVAL_ABOVE_USD: 'lots' }), /DESK_APPROVAL_ABOVE_USD: must be a USD amount/);
});

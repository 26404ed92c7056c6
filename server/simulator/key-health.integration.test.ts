/**
 * The desk's key-health check (lib/key-health-report) through lib/kraken's signed GetApiKeyInfo against the
 * built-in exchange over real HTTP: a key configured the way EXCHANGE_API_KEY_PERMISSIONS leaves it by default
 * (every permission) is flagged for withdrawals; a trading key is not; a read-only key says so.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { checkKeyHealth, type KeyHealthReport } from '../../lib/key-health-report';
import { createKrakenClient } from '../../lib/kraken/rest';
import { startExchange, type RunningExchange } from './exchange';

const SECRET = Buffer.from('key health integration secret, never shown').toString('base64');
const TRADING = ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger', 'modify-trades', 'close-trades', 'create-ws-token'];

describe('key health against the built-in exchange', () => {
  let exchange: RunningExchange;
  before(async () => {
    exchange = await startExchange({
      seed: 5,
      apiKeys: [
        { key: 'default-key-with-everything', secret: SECRET, name: 'demo' },
        { key: 'trading-key', secret: SECRET, permissions: TRADING },
        { key: 'reader-key', secret: SECRET, permissions: ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger', 'create-ws-token'] },
      ],
    });
  });
  after(() => exchange.close());

  const check = (apiKey: string, apiSecret = SECRET): Promise<KeyHealthReport> => {
    const kraken = createKrakenClient({ restUrl: exchange.restUrl, apiKey, apiSecret, timeoutMs: 5000 });
    return checkKeyHealth({ hasKey: true, getApiKeyInfo: () => kraken.private.getApiKeyInfo(), now: Date.now, monotonic: () => performance.now() });
  };

  test('a key with every permission (the exchange default) is flagged red for withdrawals and the missing allow-list', async () => {
    const report = await check('default-key-with-everything');
    assert.equal(report.status, 'ok');
    if (report.status !== 'ok') return;
    const red = report.assessment.findings.filter((f) => f.severity === 'danger').map((f) => f.title);
    assert.ok(red.some((t) => t.startsWith('The key can move funds:') && t.includes('Withdraw Funds')), red.join(' | '));
    assert.ok(red.includes('No IP allow-list: the key works from any address'));
    assert.equal(report.assessment.readOnly, false);
    assert.equal(report.key.name, 'demo');
    assert.equal(report.key.keyPrefix, 'defaul…');
    assert.ok(report.key.lastUsed !== undefined && report.key.createdTime !== undefined);
    assert.ok(Number.isInteger(report.latencyMs) && report.latencyMs >= 0);
    const text = JSON.stringify(report);
    assert.ok(!text.includes('default-key-with-everything'), 'the key only as a prefix');
    assert.ok(!text.includes(SECRET), 'never the secret');
    assert.ok(!text.includes('AA00'), 'never the account IBAN');
  });

  test('a trading key has only the allow-list finding; a key without Create & Modify Orders is read-only', async () => {
    const trading = await check('trading-key');
    assert.equal(trading.status, 'ok');
    if (trading.status === 'ok') assert.deepEqual(trading.assessment.findings.map((f) => f.severity), ['danger']);
    const reader = await check('reader-key');
    assert.equal(reader.status, 'ok');
    if (reader.status === 'ok') {
      assert.equal(reader.assessment.readOnly, true);
      assert.ok(reader.assessment.findings.some((f) => f.title === 'No Create & Modify Orders: the desk is read-only'));
    }
  });

  test('a key Kraken refuses is reported with Kraken\'s error, no key configured is reported as such', async () => {
    const wrong = await check('trading-key', Buffer.from('another secret').toString('base64'));
    assert.equal(wrong.status, 'error');
    if (wrong.status === 'error') assert.match(wrong.message, /EAPI:Invalid signature/);
    assert.deepEqual(await checkKeyHealth({ hasKey: false, getApiKeyInfo: () => assert.fail('not called'), now: Date.now, monotonic: Date.now }), { status: 'no_key' });
  });
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assessKey, keyPrefix } from './key-health';
import type { ApiKeyInfo } from './kraken/types-private';

const NOW = 1_790_000_000;
const TRADING = ['query-funds', 'query-open-trades', 'query-closed-trades', 'query-ledger', 'modify-trades', 'close-trades', 'create-ws-token'];

function key(overrides: Partial<ApiKeyInfo> = {}): ApiKeyInfo {
  return {
    name: 'desk', apiKey: 'AbCdEfGhIjKlMnOp', permissions: TRADING, ipAllowlist: ['203.0.113.7'], nonceWindow: 0, nonce: '1',
    validUntil: undefined, queryFrom: undefined, queryTo: undefined, createdTime: NOW - 100, modifiedTime: NOW - 100, lastUsed: NOW, ...overrides,
  };
}

const titles = (info: ApiKeyInfo) => assessKey(info, NOW).findings.map((f) => `${f.severity}: ${f.title}`);

test('a trading key with an allow-list and nothing more has no findings', () => {
  const result = assessKey(key(), NOW);
  assert.deepEqual(result.findings, []);
  assert.equal(result.readOnly, false);
  assert.deepEqual(result.permissions.map((p) => p.label), [
    'Query Funds', 'Query Open Orders & Trades', 'Query Closed Orders & Trades', 'Query Ledger Entries', 'Create & Modify Orders',
    'Cancel & Close Orders', 'Access WebSockets API',
  ]);
});

test('a withdraw-capable key is flagged red with what to untick on Kraken', () => {
  const result = assessKey(key({ permissions: [...TRADING, 'withdraw-funds'] }), NOW);
  assert.deepEqual(result.findings.map((f) => [f.severity, f.title]), [['danger', 'The key can move funds: Withdraw Funds']]);
  assert.match(result.findings[0]!.fix, /untick Withdraw Funds — or create a key without it/);
  assert.equal(result.permissions.find((p) => p.code === 'withdraw-funds')?.funding, true);
});

test('every funding permission is red, named in one finding', () => {
  const funding = ['add-funds', 'withdraw-funds', 'earn-funds', 'add-withdraw-address', 'update-withdraw-address'];
  for (const code of funding) assert.deepEqual(assessKey(key({ permissions: [...TRADING, code] }), NOW).findings.map((f) => f.severity), ['danger'], code);
  assert.deepEqual(titles(key({ permissions: [...TRADING, ...funding] })), [
    'danger: The key can move funds: Deposit Funds, Withdraw Funds, Earn Funds, Add Withdrawal Addresses, Update Withdrawal Addresses',
  ]);
});

test('no IP allow-list is red', () => {
  const [finding] = assessKey(key({ ipAllowlist: [] }), NOW).findings;
  assert.equal(finding?.severity, 'danger');
  assert.match(finding!.fix, /IP allowlist/);
});

test('without Create & Modify Orders the desk is read-only, and says so', () => {
  const result = assessKey(key({ permissions: TRADING.filter((p) => p !== 'modify-trades' && p !== 'close-trades') }), NOW);
  assert.equal(result.readOnly, true);
  assert.deepEqual(result.findings.map((f) => f.title), ['No Create & Modify Orders: the desk is read-only']);
});

test('missing reads, expiry, query ranges, unknown codes and Export Data are each explained', () => {
  assert.deepEqual(titles(key({ permissions: ['modify-trades', 'export-data', 'brand-new'], validUntil: NOW + 86_400, queryFrom: NOW - 1000 })), [
    'warning: The key expires in less than 14 days',
    'warning: No Query Funds', 'warning: No Query Open Orders & Trades', 'warning: No Query Closed Orders & Trades',
    'warning: No Query Ledger Entries', 'warning: No Access WebSockets API',
    'warning: History queries are limited to a date range',
    'warning: Unknown permission brand-new',
    'info: The key has Export Data',
  ]);
  assert.deepEqual(titles(key({ validUntil: NOW })), ['danger: The key has expired']);
});

test('the key is shown as a short prefix only', () => {
  assert.equal(keyPrefix('AbCdEfGhIjKlMnOp'), 'AbCdEf…');
  assert.equal(keyPrefix(undefined), undefined);
});

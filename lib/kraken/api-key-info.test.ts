import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeKraken, type FakeHandler } from './testing/fake-kraken';
import { createKrakenClient } from './rest';
import { KrakenError } from './errors';

/** The example response of docs.kraken.com, "Get API Key Info". */
const DOCUMENTED = {
  apiKeyName: 'my-api-key',
  apiKey: '4/SDrDBcOOPnm3nPlNfEMMJDeRcIVqPz+QhRxIodyZbI9po/aVRiHsgX',
  nonce: '1772627060997',
  nonceWindow: 0,
  permissions: ['query-funds', 'withdraw-funds', 'query-open-trades', 'modify-trades'],
  iban: 'AA88 N84G WOAK NMOI',
  validUntil: '0',
  queryFrom: '0',
  queryTo: '0',
  createdTime: '1772542900',
  modifiedTime: '1772543095',
  ipAllowlist: [],
  lastUsed: '1772627061',
};

function client(handler: FakeHandler) {
  const fake = createFakeKraken({ handlers: { GetApiKeyInfo: handler } });
  return { fake, kraken: createKrakenClient({ restUrl: 'http://kraken.test', apiKey: fake.apiKey, apiSecret: fake.apiSecret, fetch: fake.fetch, timeoutMs: 50 }) };
}

test('GetApiKeyInfo: the documented example maps to names, 0 becoming "not set", the IBAN dropped', async () => {
  const { kraken, fake } = client(() => ({ result: DOCUMENTED }));
  assert.deepEqual(await kraken.private.getApiKeyInfo(), {
    name: 'my-api-key',
    apiKey: DOCUMENTED.apiKey,
    permissions: ['query-funds', 'withdraw-funds', 'query-open-trades', 'modify-trades'],
    ipAllowlist: [],
    nonceWindow: 0,
    nonce: '1772627060997',
    validUntil: undefined,
    queryFrom: undefined,
    queryTo: undefined,
    createdTime: 1772542900,
    modifiedTime: 1772543095,
    lastUsed: 1772627061,
  });
  assert.equal(fake.callsOf('GetApiKeyInfo').length, 1, 'one signed POST');
});

test('GetApiKeyInfo: numbers where the example has text, unknown permission codes and restrictions are kept', async () => {
  const { kraken } = client(() => ({
    result: { ...DOCUMENTED, nonce: 1772627060997, nonceWindow: '5000', validUntil: 1790000000, queryFrom: 1700000000, permissions: ['query-funds', 'future-thing'], ipAllowlist: ['203.0.113.7/32'] },
  }));
  const info = await kraken.private.getApiKeyInfo();
  assert.equal(info.nonce, '1772627060997');
  assert.equal(info.nonceWindow, 5000);
  assert.equal(info.validUntil, 1790000000);
  assert.equal(info.queryFrom, 1700000000);
  assert.deepEqual(info.permissions, ['query-funds', 'future-thing']);
  assert.deepEqual(info.ipAllowlist, ['203.0.113.7/32']);
});

test('GetApiKeyInfo: a result without permissions or allow-list is a bad response, not an empty key', async () => {
  const { permissions: _p, ...noPermissions } = DOCUMENTED;
  const { kraken } = client(() => ({ result: noPermissions }));
  await assert.rejects(kraken.private.getApiKeyInfo(), (e: unknown) => e instanceof KrakenError && e.code === 'bad_response');
  const { ipAllowlist: _i, ...noAllowlist } = DOCUMENTED;
  const second = client(() => ({ result: noAllowlist }));
  await assert.rejects(second.kraken.private.getApiKeyInfo(), (e: unknown) => e instanceof KrakenError && e.code === 'bad_response');
});

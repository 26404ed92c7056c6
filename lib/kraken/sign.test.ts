import { test } from 'node:test';
import assert from 'node:assert/strict';
import vectors from './fixtures/test-vectors.json' with { type: 'json' };
import { signRequest } from './sign';

test('signRequest matches every published Kraken signing vector', () => {
  assert.ok(vectors.signing.length >= 1);
  for (const v of vectors.signing) {
    assert.equal(signRequest(v.path, v.nonce, v.postdata, v.secret), v.expected, v.name);
  }
});

test('signRequest changes when any signed input changes', () => {
  const v = vectors.signing[0]!;
  const base = signRequest(v.path, v.nonce, v.postdata, v.secret);
  assert.notEqual(signRequest('/0/private/CancelOrder', v.nonce, v.postdata, v.secret), base);
  assert.notEqual(signRequest(v.path, v.nonce + '1', v.postdata, v.secret), base);
  assert.notEqual(signRequest(v.path, v.nonce, v.postdata.replace('1.25', '1.26'), v.secret), base);
});

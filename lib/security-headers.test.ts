import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentSecurityPolicy, newNonce } from './security-headers';

test('the CSP allows scripts only with the nonce, forbids framing and lets the same-origin feed connect', () => {
  const csp = contentSecurityPolicy({ nonce: 'abc', host: '127.0.0.1:3440', dev: false, https: false });
  const directives = new Map(csp.split('; ').map((d) => [d.split(' ')[0], d]));
  assert.equal(directives.get('script-src'), "script-src 'self' 'nonce-abc' 'strict-dynamic'");
  assert.equal(directives.get('frame-ancestors'), "frame-ancestors 'none'");
  assert.equal(directives.get('connect-src'), "connect-src 'self' ws://127.0.0.1:3440 wss://127.0.0.1:3440");
  assert.equal(directives.get('object-src'), "object-src 'none'");
  assert.ok(!csp.includes('unsafe-eval') && !csp.includes('upgrade-insecure-requests'));
  assert.ok(contentSecurityPolicy({ nonce: 'n', host: null, dev: true, https: true }).includes("'unsafe-eval'"));
  assert.ok(contentSecurityPolicy({ nonce: 'n', host: null, dev: false, https: true }).includes('upgrade-insecure-requests'));
  assert.ok(!contentSecurityPolicy({ nonce: 'n', host: "evil; script-src *", dev: false, https: false }).includes('evil'), 'a forged Host cannot add directives');
});

test('nonces are 128-bit and fresh', () => {
  const a = newNonce();
  assert.equal(Buffer.from(a, 'base64').length, 16);
  assert.notEqual(a, newNonce());
});

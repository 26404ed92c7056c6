import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOriginPolicy } from './origin';

const base = { HOST: '127.0.0.1', PORT: 3000, PUBLIC_ORIGIN: undefined, ALLOWED_ORIGINS: undefined };

test('loopback desks accept every loopback spelling on their own port only', () => {
  const allowed = createOriginPolicy(base);
  assert.equal(allowed('http://127.0.0.1:3000'), true);
  assert.equal(allowed('http://localhost:3000'), true);
  assert.equal(allowed('http://localhost:3001'), false);
  assert.equal(allowed('https://localhost:3000'), false);
  assert.equal(allowed('http://evil.example'), false);
  assert.equal(allowed(undefined), false);
  assert.equal(allowed('null'), false);
});

test('a public origin and ALLOWED_ORIGINS are the only ones allowed elsewhere', () => {
  const allowed = createOriginPolicy({ ...base, HOST: '0.0.0.0', PUBLIC_ORIGIN: 'https://desk.example.com', ALLOWED_ORIGINS: 'https://ops.example.com, not a url' });
  assert.equal(allowed('https://desk.example.com'), true);
  assert.equal(allowed('https://ops.example.com'), true);
  assert.equal(allowed('http://desk.example.com'), false);
  assert.equal(allowed('https://desk.example.com.evil.io'), false);
  assert.equal(allowed('http://localhost:3000'), false);
});

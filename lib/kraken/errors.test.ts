import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  badResponse, codeForKrakenString, httpError, isKrakenError, KrakenError, networkError, parseKrakenError, timeoutError,
} from './errors';

test('every documented error string maps to its code', () => {
  const cases: [string, string][] = [
    ['EAPI:Invalid nonce', 'invalid_nonce'],
    ['EAPI:Invalid key', 'invalid_key'],
    ['EAPI:Invalid signature', 'invalid_signature'],
    ['EGeneral:Permission denied', 'permission_denied'],
    ['EAPI:Rate limit exceeded', 'rate_limited'],
    ['EGeneral:Too many requests', 'rate_limited'],
    ['EOrder:Rate limit exceeded', 'trading_rate_limited'],
    ['EOrder:Domain rate limit exceeded', 'trading_rate_limited'],
    ['EService:Throttled: 1741500000', 'throttled'],
    ['EOrder:Insufficient funds', 'insufficient_funds'],
    ['EOrder:Order minimum not met', 'order_minimum'],
    ['EOrder:Cost minimum not met', 'cost_minimum'],
    ['EOrder:Tick size check failed', 'tick_size'],
    ['EOrder:Invalid price', 'invalid_price'],
    ['EGeneral:Invalid arguments:volume', 'invalid_arguments'],
    ['EGeneral:Invalid arguments:Index unavailable', 'invalid_arguments'],
    ['EQuery:Unknown asset pair', 'unknown_pair'],
    ['EQuery:Invalid asset pair', 'unknown_pair'],
    ['EOrder:Unknown order', 'unknown_order'],
    ['EOrder:Invalid order', 'invalid_order'],
    ['EOrder:Orders limit exceeded', 'invalid_order'],
    ['EService:Unavailable', 'unavailable'],
    ['EService:Busy', 'busy'],
    ['EService:Market in cancel_only mode', 'market_cancel_only'],
    ['EService:Market in post_only mode', 'market_post_only'],
    ['EService:Deadline elapsed', 'deadline_elapsed'],
    ['EGeneral:Temporary lockout', 'temporary_lockout'],
    ['EAPI:Invalid token', 'invalid_token'],
    ['ESession:Invalid session', 'invalid_token'],
    ['EGeneral:Unknown method', 'unknown_method'],
    ['EGeneral:Internal error:12345', 'internal'],
    ['EFunding:Max fee exceeded', 'unknown'],
  ];
  for (const [text, code] of cases) assert.equal(codeForKrakenString(text), code, text);
});

test('long-form variants match by prefix or substring', () => {
  assert.equal(codeForKrakenString('EOrder:Insufficient funds (insufficient user funds)'), 'insufficient_funds');
  assert.equal(codeForKrakenString('EOrder:Order minimum not met (volume too low)'), 'order_minimum');
  assert.equal(codeForKrakenString('  eapi:invalid nonce  '), 'invalid_nonce');
});

test('parseKrakenError keeps raw strings, ignores warnings and reads Throttled timestamps', () => {
  assert.equal(parseKrakenError([]), undefined);
  assert.equal(parseKrakenError(['WGeneral:Something deprecated']), undefined);
  const e = parseKrakenError(['WGeneral:Note', 'EService:Throttled: 1741500000'])!;
  assert.ok(e instanceof KrakenError);
  assert.equal(e.code, 'throttled');
  assert.equal(e.retryAfter, 1741500000);
  assert.equal(e.retryable, true);
  assert.deepEqual(e.krakenErrors, ['WGeneral:Note', 'EService:Throttled: 1741500000']);
  assert.match(e.message, /Throttled/);
  const funds = parseKrakenError(['EOrder:Insufficient funds'])!;
  assert.equal(funds.retryable, false);
  assert.equal(funds.retryAfter, undefined);
});

test('transport errors carry retryability', () => {
  assert.equal(httpError(502).retryable, true);
  assert.equal(httpError(502).httpStatus, 502);
  assert.equal(httpError(403).retryable, false);
  assert.equal(networkError(new Error('ECONNRESET')).code, 'network_error');
  assert.equal(networkError('x').retryable, true);
  assert.equal(timeoutError(5000).code, 'timeout');
  assert.equal(badResponse('x').retryable, false);
  assert.equal(isKrakenError(badResponse('x')), true);
  assert.equal(isKrakenError(new Error('x')), false);
});

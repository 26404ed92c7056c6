import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError, ERRORS, errorEntry, isAppErrorCode } from './errors';
import { krakenMessage } from './orders/kraken-errors';

test('every code of the table has an HTTP error status and a sentence; no sentence is written twice', () => {
  const messages = new Map<string, string>();
  for (const [code, entry] of Object.entries(ERRORS)) {
    assert.ok(entry.status >= 400 && entry.status < 600, code);
    assert.match(entry.message, /^[A-Z"a-z].*[.)]$/, `${code}: a sentence`);
    const kraken = code.startsWith('kraken_');
    const twin = messages.get(entry.message);
    // Kraken's tick-size verdict and the desk's own tick-size check say the same thing on purpose.
    if (twin && !(kraken && twin === code.slice('kraken_'.length))) assert.fail(`${code} repeats the message of ${twin}`);
    messages.set(entry.message, code);
  }
});

test('AppError takes its status and message from the table; a specific message may replace the sentence', () => {
  const frozen = new AppError('desk_frozen');
  assert.equal(frozen.status, 423);
  assert.equal(frozen.message, ERRORS.desk_frozen.message);
  const limit = new AppError('limit_pair', 'You are not allowed to trade BTC/USD.');
  assert.deepEqual([limit.status, limit.code, limit.message, limit.name], [403, 'limit_pair', 'You are not allowed to trade BTC/USD.', 'AppError']);
  assert.equal(new AppError('kraken_insufficient_funds').status, 422);
});

test('a code answers another status only where the table allows it', () => {
  assert.equal(new AppError('unknown_pair').status, 404);
  assert.equal(new AppError('unknown_pair', { status: 400, message: 'Allowed pairs: FOO/USD is not listed on the exchange.' }).status, 400);
  // @ts-expect-error desk_frozen has no other status
  assert.equal(new AppError('desk_frozen', { status: 500 }).status, 423);
});

test('a message that is not safe to show is replaced by the table sentence', () => {
  const internal = new AppError('internal', 'connect ECONNREFUSED postgres://desk:secret@db');
  assert.equal(internal.message, ERRORS.internal.message);
});

test('codes are a closed union: a typo fails the typecheck and is not a code at run time', () => {
  // @ts-expect-error not a code of the table
  assert.throws(() => new AppError('desk_frozn'));
  assert.equal(isAppErrorCode('desk_frozn'), false);
  assert.equal(isAppErrorCode('toString'), false);
  assert.equal(isAppErrorCode('kraken_timeout'), true);
});

test('Kraken error codes come from the same table', () => {
  assert.deepEqual(krakenMessage('rate_limited'), errorEntry('kraken_rate_limited'));
  assert.equal(krakenMessage('rate_limited').status, 429);
});

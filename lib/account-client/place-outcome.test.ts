import assert from 'node:assert/strict';
import { test } from 'node:test';
import { placedOutcome } from './place-outcome';

const what = 'Buy 0.01 BTC limit';

test('an order Kraken cancelled at once says so with Kraken\'s reason, never "placed"', () => {
  const postOnly = placedOutcome(what, { status: 'canceled', reason: 'Post only order', filled: '0' });
  assert.deepEqual(postOnly, { tone: 'error', title: 'Buy 0.01 BTC limit order cancelled by Kraken', message: 'Kraken: Post only order.' });
  const ioc = placedOutcome(what, { status: 'canceled', reason: 'Immediate or cancel', filled: '0.004' });
  assert.equal(ioc.message, '0.004 filled before that. Kraken: Immediate or cancel.');
  assert.match(placedOutcome(what, { status: 'canceled', reason: undefined, filled: undefined }).message ?? '', /cancelled it as soon/);
  assert.equal(placedOutcome(what, { status: 'expired', reason: undefined, filled: undefined }).title, 'Buy 0.01 BTC limit order expired');
});

test('open, filled and unknown statuses are placed orders with the status spelled out', () => {
  assert.deepEqual(placedOutcome(what, { status: 'open', reason: undefined, filled: undefined }), { tone: 'success', title: 'Buy 0.01 BTC limit order placed', message: 'Open on the book.' });
  assert.equal(placedOutcome(what, { status: 'closed', reason: undefined, filled: '0.01' }).message, 'Filled.');
  assert.equal(placedOutcome(what, { status: 'submitted', reason: undefined, filled: undefined }).message, 'Status: submitted.');
  // an answer without any status: today's toast
  assert.deepEqual(placedOutcome(what, { status: undefined, reason: undefined, filled: undefined }), { tone: 'success', title: 'Buy 0.01 BTC limit order placed', message: undefined });
});

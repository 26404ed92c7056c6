import assert from 'node:assert/strict';
import { test } from 'node:test';
import { amendChange, amendFields, amendLabels, amendStart, type AmendForm, type AmendedOrder } from './amend';

const trailing: AmendedOrder = { type: 'trailing-stop', side: 'sell', price: '+500', volume: '0.01' };
const edit = (order: AmendedOrder, over: Partial<AmendForm>): AmendForm => ({ ...amendStart(order), ...over });

test("a trailing stop's size-only amend sends the size alone, not its '+500' offset", () => {
  assert.deepEqual(amendChange(trailing, edit(trailing, { volume: '0.02' })), { change: { volume: '0.02' } });
  assert.deepEqual(amendChange(trailing, edit(trailing, {})), { change: null });
});

test('trailing offsets are amendable as an amount or a percentage; the sign defaults to the order\'s', () => {
  assert.deepEqual(amendChange(trailing, edit(trailing, { price: '+650' })), { change: { price: '+650' } });
  assert.deepEqual(amendChange(trailing, edit(trailing, { price: '1.5%' })), { change: { price: '+1.5%' } });
  assert.deepEqual(amendChange(trailing, edit(trailing, { price: '+500.0' })), { change: null });
  const garbled = amendChange(trailing, edit(trailing, { price: 'abc' }));
  assert.ok('error' in garbled && /like \+500 or \+1\.5%/.test(garbled.error));
  const minus = amendChange(trailing, edit(trailing, { price: '-500' }));
  assert.ok('error' in minus && /distance from the market/.test(minus.error));
});

test("a stop-limit's limit price and a trailing-stop-limit's limit offset are amendable", () => {
  const stopLimit: AmendedOrder = { type: 'stop-loss-limit', side: 'sell', price: '29000', price2: '28900', volume: '0.01' };
  assert.deepEqual(amendChange(stopLimit, edit(stopLimit, { price2: '28850' })), { change: { price2: '28850' } });
  assert.deepEqual(amendChange(stopLimit, edit(stopLimit, { price: '29100', price2: '28900' })), { change: { price: '29100' } });
  const trailLimit: AmendedOrder = { type: 'trailing-stop-limit', side: 'sell', price: '+1%', price2: '-50', volume: '0.01' };
  assert.deepEqual(amendChange(trailLimit, edit(trailLimit, { price2: '75' })), { change: { price2: '-75' } });
  assert.deepEqual(amendLabels('trailing-stop-limit'), { price: 'New trailing offset', price2: 'New limit offset', volume: 'New size', displayVolume: 'New visible size' });
});

test("an iceberg's visible size is amendable and cannot exceed the order size", () => {
  const iceberg: AmendedOrder = { type: 'iceberg', side: 'buy', price: '30000', volume: '0.3' };
  assert.equal(amendFields('iceberg').displayVolume, true);
  assert.deepEqual(amendChange(iceberg, edit(iceberg, { displayVolume: '0.05' })), { change: { displayVolume: '0.05' } });
  const tooBig = amendChange(iceberg, edit(iceberg, { displayVolume: '0.5' }));
  assert.ok('error' in tooBig && /cannot be larger/.test(tooBig.error));
  assert.deepEqual(amendChange(iceberg, edit(iceberg, { volume: '0.6', displayVolume: '0.5' })), { change: { volume: '0.6', displayVolume: '0.5' } });
});

test('a limit order sends only what changed; bad numbers are refused before sending', () => {
  const limit: AmendedOrder = { type: 'limit', side: 'buy', price: '30000.0', volume: '0.010' };
  assert.deepEqual(amendChange(limit, edit(limit, { price: '29900' })), { change: { price: '29900' } });
  assert.deepEqual(amendChange(limit, edit(limit, { price: '30000', volume: '0.01' })), { change: null });
  const bad = amendChange(limit, edit(limit, { volume: '0' }));
  assert.ok('error' in bad && /greater than 0/.test(bad.error));
  assert.equal(amendFields('settle-position').price, 'none');
});

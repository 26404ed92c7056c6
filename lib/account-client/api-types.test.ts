import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewSchema } from './api-types';

const base = { avgFillPrice: '30000', slippageBps: '1.5', estimatedFee: '0.78', shareOfVisibleDepthPct: '2', notionalUsd: '300', confirmationRequired: false, confirmationReasons: [] };

test("the preview keeps the desk's own refusal (frozen desk, over a limit) next to Kraken's dry run", () => {
  const refused = previewSchema.parse({
    ...base,
    validation: { ok: true, description: 'buy 0.01 XBTUSD @ limit 30000' },
    deskCheck: { ok: false, code: 'over_order_limit', message: 'This order is worth 300 USD, above your 100 USD order limit.' },
  });
  assert.deepEqual(refused.desk, { ok: false, message: 'This order is worth 300 USD, above your 100 USD order limit.' });
  assert.equal(refused.validate?.ok, true);
});

test('a passed desk check reads as passed, a refusal without a message still reads as a refusal, and none is absent', () => {
  assert.deepEqual(previewSchema.parse({ ...base, deskCheck: { ok: true } }).desk, { ok: true, message: undefined });
  assert.deepEqual(previewSchema.parse({ ...base, deskCheck: { ok: false, code: 'desk_frozen' } }).desk, { ok: false, message: 'The desk would refuse this order.' });
  assert.equal(previewSchema.parse(base).desk, undefined);
});

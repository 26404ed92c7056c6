import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildPreview } from '../orders/preview';
import type { MarketContext } from '../orders/market-context';
import { ticketSchema } from '../orders/ticket';
import type { AssetPair } from '../kraken/types';
import { orderPreviewSchema, type OrderPreview } from './preview';

const pair = {
  symbol: 'BTC/USD', pairId: 'XXBTZUSD', quoteCode: 'USD', costDecimals: 5,
  feesTaker: [{ volume: '0', percent: '0.26' }], feesMaker: [{ volume: '0', percent: '0.16' }],
} as unknown as AssetPair;

const market = {
  book: async () => ({ asks: [{ price: '30000.0', qty: '0.5' }, { price: '30010.0', qty: '1' }], bids: [{ price: '29990.0', qty: '1' }], source: 'live' as const }),
  usdRate: async () => '1',
} as unknown as MarketContext;

const ticket = ticketSchema.parse({ symbol: 'BTC/USD', side: 'buy', type: 'market', volume: '0.6', idempotencyKey: '6d1b3a52-4c41-4c0e-9a55-6a2f2a3c0c11' });
const settings = { confirmSlippageBps: '0.5', confirmNotionalUsd: '100000' };

test("the server's preview reaches the browser with the server's field names, desk refusal and dry run included", async () => {
  const built = await buildPreview(market, pair, ticket, settings);
  const sent: OrderPreview = {
    ...built,
    validation: { ok: true, description: 'buy 0.60000000 XBTUSD @ market' },
    deskCheck: { ok: false, code: 'over_order_limit', message: 'This order is worth 18001 USD, above your 100 USD order limit.' },
  };
  const parsed = orderPreviewSchema.parse(JSON.parse(JSON.stringify(sent)));
  assert.deepEqual(parsed, JSON.parse(JSON.stringify(sent)));
  assert.equal(parsed.avgFillPrice, built.avgFillPrice);
  assert.equal(parsed.shareOfVisibleDepthPct, built.shareOfVisibleDepthPct);
  assert.deepEqual(parsed.deskCheck, sent.deskCheck);
  assert.equal(parsed.confirmationRequired, true, 'slippage above the 0.5 bps threshold asks for confirmation');
  assert.equal(parsed.confirmationReasons.length, 1);
});

test('a refused dry run carries its message; a preview of another shape is refused at the boundary', async () => {
  const built = await buildPreview(market, pair, ticket, settings);
  const refused = orderPreviewSchema.parse(JSON.parse(JSON.stringify({ ...built, validation: { ok: false, code: 'EOrder:Insufficient funds', message: 'Not enough funds.' } })));
  assert.deepEqual(refused.validation, { ok: false, code: 'EOrder:Insufficient funds', message: 'Not enough funds.' });
  assert.equal(orderPreviewSchema.safeParse({ ...built, confirmationReasons: undefined }).success, false);
  assert.equal(orderPreviewSchema.safeParse({ ...built, deskCheck: { ok: false } }).success, false);
});

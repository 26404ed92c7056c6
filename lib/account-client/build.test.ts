import assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMPTY_TICKET, checkTicketDraft, type TicketDraft } from './build';

const pair = { symbol: 'BTC/USD', base: 'BTC', quote: 'USD', tickSize: '0.1', lotDecimals: 8, ordermin: '0.0001', costmin: '0.5' };
const now = new Date('2026-01-01T00:00:00Z');
const form = (over: Partial<TicketDraft>): TicketDraft => ({ ...EMPTY_TICKET, ...over });

test('a valid limit buy becomes the API body', () => {
  const r = checkTicketDraft(form({ size: '0.01', price: '30000.5', postOnly: true }), pair, '31000', now);
  assert.deepEqual(r.errors, {});
  assert.deepEqual(r.body, { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.01', price: '30000.5', flags: ['post'], timeInForce: 'GTC' });
});

test('each broken field gets its own message', () => {
  const r = checkTicketDraft(form({ size: '0.000001', price: '30000.55' }), pair, '31000', now);
  assert.equal(r.body, null);
  assert.equal(r.errors.size, 'The minimum order size is 0.0001 BTC.');
  assert.match(r.errors.price ?? '', /tick size 0.1 USD/);
});

test('costmin is checked at the order price', () => {
  const r = checkTicketDraft(form({ size: '0.0001', price: '4000' }), pair, '31000', now);
  assert.equal(r.errors.size, 'The order value 0.4 USD is below the minimum of 0.5 USD.');
});

test('a market buy sized in quote is sent as quote with viqc; a limit order in quote converts to base', () => {
  const market = checkTicketDraft(form({ type: 'market', sizeUnit: 'quote', size: '100' }), pair, '30000', now);
  assert.deepEqual(market.body, { symbol: 'BTC/USD', side: 'buy', type: 'market', volume: '100', flags: ['viqc'] });
  assert.equal(market.baseVolume, '0.00333333');
  const limit = checkTicketDraft(form({ sizeUnit: 'quote', size: '100', price: '30000' }), pair, undefined, now);
  assert.equal(limit.body?.volume, '0.00333333');
  const tooSmall = checkTicketDraft(form({ sizeUnit: 'quote', size: '1', price: '30000' }), pair, undefined, now);
  assert.equal(tooSmall.errors.size, '1 USD is about 0.00003333 BTC: the minimum order size is 0.0001 BTC.');
  const noPrice = checkTicketDraft(form({ sizeUnit: 'quote', size: '100' }), pair, undefined, now);
  assert.equal(noPrice.errors.size, 'Enter a price first to size the order in USD.');
});

test('stop-loss-limit needs trigger and limit; trailing types send relative offsets', () => {
  const sl = checkTicketDraft(form({ type: 'stop-loss-limit', side: 'sell', size: '0.01', price: '29000', price2: '' }), pair, '30000', now);
  assert.equal(sl.errors.price2, 'Enter a limit price.');
  const ts = checkTicketDraft(form({ type: 'trailing-stop-limit', side: 'sell', size: '0.01', price: '2', price2: '0.5', offsetPercent: true }), pair, '30000', now);
  assert.equal(ts.body?.price, '+2%');
  assert.equal(ts.body?.price2, '-0.5%');
});

test('iceberg checks the visible size; post-only cannot be IOC; GTD needs a future expiry', () => {
  const ice = checkTicketDraft(form({ type: 'iceberg', size: '1.5', price: '30000', displayVolume: '0.05' }), pair, undefined, now);
  assert.match(ice.errors.displayVolume ?? '', /at least 1\/15/);
  const ok = checkTicketDraft(form({ type: 'iceberg', size: '1.5', price: '30000', displayVolume: '0.1' }), pair, undefined, now);
  assert.equal(ok.body?.displayVolume, '0.1');
  const ioc = checkTicketDraft(form({ size: '0.01', price: '30000', postOnly: true, timeInForce: 'IOC' }), pair, undefined, now);
  assert.equal(ioc.errors.timeInForce, 'A post-only order rests on the book, so it cannot be IOC.');
  const past = checkTicketDraft(form({ size: '0.01', price: '30000', timeInForce: 'GTD', expireAt: '2025-12-31T23:00:00Z' }), pair, undefined, now);
  assert.equal(past.errors.expireAt, 'The expiry must be in the future.');
  const gtd = checkTicketDraft(form({ size: '0.01', price: '30000', timeInForce: 'GTD', expireAt: '2026-01-02T00:00:00Z' }), pair, undefined, now);
  assert.equal(gtd.body?.expireAt, '2026-01-02T00:00:00.000Z');
  const market = checkTicketDraft(form({ type: 'market', size: '0.01', postOnly: true, timeInForce: 'IOC' }), pair, '30000', now);
  assert.deepEqual(market.body, { symbol: 'BTC/USD', side: 'buy', type: 'market', volume: '0.01' }, 'market orders carry neither post nor a time in force');
});

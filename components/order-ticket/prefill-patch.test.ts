import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { EMPTY_TICKET } from '@/lib/account-client/build';
import { prefillPatch } from './prefill-patch';

test('a clicked price fills a limit or trigger price and keeps the type', () => {
  assert.deepEqual(prefillPatch({ ...EMPTY_TICKET, type: 'limit' }, { symbol: 'BTC/USD', price: '100.5' }), { price: '100.5' });
  assert.deepEqual(prefillPatch({ ...EMPTY_TICKET, type: 'stop-loss' }, { symbol: 'BTC/USD', price: '99' }), { price: '99' });
});

test('a market or trailing ticket becomes a limit order at the clicked price; Shift adds the size in base', () => {
  assert.deepEqual(prefillPatch({ ...EMPTY_TICKET, type: 'market' }, { symbol: 'BTC/USD', price: '100' }), { type: 'limit', price: '100' });
  assert.deepEqual(prefillPatch({ ...EMPTY_TICKET, type: 'trailing-stop', sizeUnit: 'quote' }, { symbol: 'BTC/USD', price: '100', size: '1.25' }), {
    type: 'limit', price: '100', size: '1.25', sizeUnit: 'base',
  });
});

test('the phone bar sets only the side', () => {
  assert.deepEqual(prefillPatch({ ...EMPTY_TICKET, type: 'market' }, { symbol: 'BTC/USD', side: 'sell' }), { side: 'sell' });
});

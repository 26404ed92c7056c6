import { strict as assert } from 'node:assert';
import { mock, test } from 'node:test';
import { prefillTicket, subscribePrefill, type TicketPrefill } from './ticket-prefill';

test('a prefill reaches the mounted ticket of its symbol only', () => {
  const btc: TicketPrefill[] = [];
  const eth: TicketPrefill[] = [];
  const offBtc = subscribePrefill('BTC/USD', (f) => btc.push(f));
  const offEth = subscribePrefill('ETH/USD', (f) => eth.push(f));
  prefillTicket({ symbol: 'BTC/USD', side: 'sell' });
  assert.deepEqual(btc, [{ symbol: 'BTC/USD', side: 'sell' }]);
  assert.deepEqual(eth, []);
  offBtc();
  offEth();
});

test('a tap before the ticket has loaded waits for it (the latest one, its symbol only), and not for ever', () => {
  mock.timers.enable({ apis: ['Date'], now: 1_000_000 });
  try {
    prefillTicket({ symbol: 'BTC/USD', side: 'buy' });
    prefillTicket({ symbol: 'BTC/USD', side: 'sell' });
    const eth: TicketPrefill[] = [];
    subscribePrefill('ETH/USD', (f) => eth.push(f))();
    assert.deepEqual(eth, [], 'another pair’s ticket does not take it');
    const btc: TicketPrefill[] = [];
    const off = subscribePrefill('BTC/USD', (f) => btc.push(f));
    assert.deepEqual(btc, [{ symbol: 'BTC/USD', side: 'sell' }], 'the latest tap, once');
    off();
    const again: TicketPrefill[] = [];
    subscribePrefill('BTC/USD', (f) => again.push(f))();
    assert.deepEqual(again, [], 'handed over once');

    prefillTicket({ symbol: 'BTC/USD', side: 'buy' });
    mock.timers.tick(10_001);
    const late: TicketPrefill[] = [];
    subscribePrefill('BTC/USD', (f) => late.push(f))();
    assert.deepEqual(late, [], 'a prefill older than 10 s is stale');
  } finally {
    mock.timers.reset();
  }
});

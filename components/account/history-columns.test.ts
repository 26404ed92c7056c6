import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyCsv } from './history-columns';

test('ledger CSV keeps negative amounts as numbers and neutralises formula text', () => {
  const csv = historyCsv('ledger', [
    { time: '2026-01-02T03:04:05Z', type: 'trade', asset: 'XBT', amount: '-0.5', fee: '0.0001', balance: '1.25', refid: '=HYPERLINK("http://x","y")' },
  ]);
  const [header, line] = csv.split('\r\n');
  assert.equal(header, 'Time,Type,Asset,Amount,Fee,Balance,Reference');
  assert.equal(line, `2026-01-02T03:04:05Z,trade,XBT,-0.5,0.0001,1.25,"'=HYPERLINK(""http://x"",""y"")"`);
});

test('fills and closed-order CSV neutralise @, + and tab starts in text cells and leave missing cells empty', () => {
  const fills = historyCsv('fills', [{ time: 't', symbol: 'BTC/USD', side: 'buy', price: '100', volume: '1', cost: '100', fee: '-0.1', liquidity: 'maker', orderTxid: '+cmd', member: '@ada' }]);
  assert.equal(fills.split('\r\n')[1], "t,BTC/USD,buy,100,1,100,-0.1,maker,'+cmd,'@ada");
  const closed = historyCsv('closed', [{ openTime: 'o', symbol: 'ETH/USD', side: 'sell', type: 'limit', status: 'closed', price: '5', volume: '2', volumeExecuted: '2', member: '\tx' }]);
  assert.equal(closed.split('\r\n')[1], "o,ETH/USD,sell,limit,closed,5,,2,2,'\tx");
});

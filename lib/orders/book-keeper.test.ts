import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import { BookKeeper } from './book-keeper';

function recorder() {
  const events: string[] = [];
  const hold = (symbol: string, depth: number) => {
    events.push(`hold ${symbol}@${depth}`);
    let released = false;
    return () => {
      assert.equal(released, false, `${symbol} released twice`);
      released = true;
      events.push(`release ${symbol}`);
    };
  };
  return { events, hold };
}

test('a symbol is held once at the depth, kept for keepMs after its last use, and let go then', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { events, hold } = recorder();
    const keeper = new BookKeeper(hold, { depth: 500, keepMs: 1000 });
    keeper.touch('BTC/USD');
    mock.timers.tick(900);
    keeper.touch('BTC/USD');
    mock.timers.tick(900);
    assert.deepEqual(events, ['hold BTC/USD@500'], 'a use 900 ms in keeps it past the first 1,000 ms, with no second hold');
    mock.timers.tick(100);
    assert.deepEqual(events, ['hold BTC/USD@500', 'release BTC/USD']);
    assert.deepEqual(keeper.symbols(), []);
    keeper.touch('BTC/USD');
    assert.deepEqual(events.at(-1), 'hold BTC/USD@500', 'used again after it was let go: held again');
    keeper.close();
  } finally {
    mock.timers.reset();
  }
});

test('past maxSymbols the least recently used symbol is let go; close lets every symbol go once', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const { events, hold } = recorder();
    const keeper = new BookKeeper(hold, { depth: 500, keepMs: 60_000, maxSymbols: 2 });
    keeper.touch('BTC/USD');
    keeper.touch('ETH/USD');
    keeper.touch('BTC/USD');
    keeper.touch('SOL/USD');
    assert.deepEqual(events, ['hold BTC/USD@500', 'hold ETH/USD@500', 'hold SOL/USD@500', 'release ETH/USD']);
    assert.deepEqual(keeper.symbols(), ['BTC/USD', 'SOL/USD']);
    keeper.close();
    mock.timers.tick(60_000);
    assert.deepEqual(events.slice(4).sort(), ['release BTC/USD', 'release SOL/USD'], 'closed: each let go once, and no timer fires after');
    assert.deepEqual(keeper.symbols(), []);
  } finally {
    mock.timers.reset();
  }
});

import assert from 'node:assert/strict';
import { mock, test } from 'node:test';
import type { MarketTrade } from '@/lib/kraken/market-updates';
import { pagePublishGate } from './publish-gate';
import { TickerStore } from './ticker-store';
import { TradeStore } from './trade-store';
import { FakeSource } from './testing/fake-source';

/**
 * The page's gate as a browser has it (animation frames stepped by hand): the heavy stores wait their turn there,
 * tickers do not. Its own file: the page's gate is made once per process, on the first requestAnimationFrame seen.
 */
test('with the gate taken this frame, a ticker publishes at once and the trades tape waits for the next frame', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  let frames: FrameRequestCallback[] = [];
  globalThis.requestAnimationFrame = (run) => frames.push(run);
  globalThis.cancelAnimationFrame = () => undefined;
  t.after(() => {
    mock.timers.reset();
    Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
    Reflect.deleteProperty(globalThis, 'cancelAnimationFrame');
  });
  const nextFrame = () => {
    const due = frames;
    frames = [];
    for (const run of due) run(0);
  };
  const gate = pagePublishGate();
  assert.ok(gate, 'a page with animation frames has a gate');
  gate.enter(() => undefined);

  const source = new FakeSource();
  const ticker = new TickerStore(source, 'BTC/USD', undefined, 0);
  const trades = new TradeStore(source, 'BTC/USD', undefined, 0);
  const heard = { ticker: 0, trades: 0 };
  ticker.subscribe(() => heard.ticker++);
  trades.subscribe(() => heard.trades++);
  const data = { bid: '1', bidQty: '1', ask: '2', askQty: '1', last: '1.5', volume: '5', vwap: '1.5', low: '1', high: '2', change: '0.1', changePct: '1.0' };
  const trade: MarketTrade = { id: 1, price: '1.5', qty: '0.5', side: 'buy', time: 1_700_000_000_000 };
  source.emit({ type: 'snapshot', channel: 'ticker', symbol: 'BTC/USD', data });
  source.emit({ type: 'snapshot', channel: 'trade', symbol: 'BTC/USD', data: [trade] });
  mock.timers.tick(0);
  assert.deepEqual(heard, { ticker: 1, trades: 0 });
  nextFrame();
  assert.deepEqual(heard, { ticker: 1, trades: 1 });
  assert.deepEqual(trades.getSnapshot().data?.map((x) => x.id), [1]);
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { MarketCandle, MarketTrade } from '@/lib/kraken/market-updates';
import { CandleStore, upsertCandles } from './candle-store';
import { loadableStatus } from './loadable';
import { TickerStore } from './ticker-store';
import { mergeTrades, TRADES_SHOWN, TradeStore } from './trade-store';
import { FakeClock } from '@/lib/kraken/ws-test-fakes';
import { FakeSource } from './testing/fake-source';

const trade = (id: number, side: 'buy' | 'sell' = 'buy'): MarketTrade => ({ id, price: `${100 + id}.0`, qty: '0.5', side, time: 1_700_000_000_000 + id });
const candle = (time: number, close: string): MarketCandle => ({
  time, open: '1.0', high: '2.0', low: '0.5', close, vwap: '1.2', volume: '3.0', trades: 4,
});

describe('loadableStatus', () => {
  const base = { feed: 'live' as const, hasData: true, fresh: true, resyncing: false };
  it('is live only with fresh data on a live feed', () => {
    assert.equal(loadableStatus(base), 'live');
    assert.equal(loadableStatus({ ...base, fresh: false }), 'stale');
    assert.equal(loadableStatus({ ...base, hasData: false }), 'loading');
    assert.equal(loadableStatus({ ...base, feed: 'connecting', hasData: false }), 'loading');
    assert.equal(loadableStatus({ ...base, feed: 'connecting' }), 'stale');
    assert.equal(loadableStatus({ ...base, feed: 'stale' }), 'stale');
    assert.equal(loadableStatus({ ...base, feed: 'resyncing' }), 'resyncing');
    assert.equal(loadableStatus({ ...base, resyncing: true }), 'resyncing');
    assert.equal(loadableStatus({ ...base, feed: 'offline', resyncing: true }), 'offline');
  });
});

describe('mergeTrades', () => {
  it('keeps the newest TRADES_SHOWN (Kraken\'s snapshot size) first, without duplicates', () => {
    assert.equal(TRADES_SHOWN, 50);
    let tape: MarketTrade[] = [];
    tape = mergeTrades(tape, Array.from({ length: 40 }, (_, i) => trade(i + 1)));
    tape = mergeTrades(tape, Array.from({ length: 30 }, (_, i) => trade(i + 31)));
    assert.equal(tape.length, 50);
    assert.equal(tape[0]?.id, 60);
    assert.equal(tape[49]?.id, 11);
    assert.equal(new Set(tape.map((t) => t.id)).size, 50);
    assert.equal(mergeTrades(tape, [trade(60)]), tape, 'nothing new: same array');
  });
});

describe('TradeStore', () => {
  it('goes live on the snapshot and adds updates on top', () => {
    const clock = new FakeClock();
    const source = new FakeSource();
    const store = new TradeStore(source, 'BTC/USD', clock);
    store.subscribe(() => undefined);
    source.emit({ type: 'snapshot', channel: 'trade', symbol: 'BTC/USD', data: [trade(1), trade(2)] });
    source.emit({ type: 'update', channel: 'trade', symbol: 'BTC/USD', data: [trade(3, 'sell')] });
    clock.advance(100);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.deepEqual(s.data?.map((t) => t.id), [3, 2, 1]);
  });
});

describe('TickerStore', () => {
  it('keeps the last ticker and goes stale when the feed does', () => {
    const clock = new FakeClock();
    const source = new FakeSource();
    const store = new TickerStore(source, 'BTC/USD', clock);
    store.subscribe(() => undefined);
    const data = { bid: '1', bidQty: '1', ask: '2', askQty: '1', last: '1.5', volume: '5', vwap: '1.5', low: '1', high: '2', change: '0.1', changePct: '1.0' };
    source.emit({ type: 'snapshot', channel: 'ticker', symbol: 'BTC/USD', data });
    source.emit({ type: 'update', channel: 'ticker', symbol: 'BTC/USD', data: { ...data, last: '1.7' } });
    clock.advance(100);
    assert.equal(store.getSnapshot().data?.last, '1.7');
    source.setState('stale');
    assert.equal(store.getSnapshot().status, 'stale');
    assert.equal(store.getSnapshot().data?.last, '1.7');
  });
});

describe('candles', () => {
  it('upsertCandles replaces the running bar and appends new ones in time order', () => {
    let s = upsertCandles([], [candle(60, '1.0'), candle(120, '1.1')]);
    s = upsertCandles(s, [candle(120, '1.2'), candle(180, '1.3')]);
    assert.deepEqual(s.map((c) => [c.time, c.close]), [[60, '1.0'], [120, '1.2'], [180, '1.3']]);
    s = upsertCandles(s, [candle(90, '9.9')]);
    assert.deepEqual(s.map((c) => c.time), [60, 90, 120, 180]);
    assert.equal(upsertCandles(s, [candle(240, '1')], 3).length, 3);
  });

  it('CandleStore gives chart listeners the series, then each bar, and keeps the feed while they listen', () => {
    const source = new FakeSource();
    const clock = new FakeClock();
    const store = new CandleStore(source, 'BTC/USD', 1, clock);
    const snapshots: number[] = [];
    const bars: string[] = [];
    const off = store.subscribeBars({ snapshot: (c) => snapshots.push(c.length), bar: (c) => bars.push(c.close) });
    assert.equal(source.listeners.size, 1);
    source.emit({ type: 'snapshot', channel: 'ohlc', symbol: 'BTC/USD', interval: 1, data: [candle(60, '1.0'), candle(120, '1.1')] });
    source.emit({ type: 'update', channel: 'ohlc', symbol: 'BTC/USD', interval: 1, data: [candle(120, '1.2')] });
    assert.deepEqual(snapshots, [2]);
    assert.deepEqual(bars, [], 'bars wait for the publish');
    clock.advance(100);
    assert.deepEqual(bars, ['1.2']);
    // many trades within one publish interval: the chart gets each changed candle once, the latest, oldest first
    for (const close of ['1.3', '1.4', '1.5']) source.emit({ type: 'update', channel: 'ohlc', symbol: 'BTC/USD', interval: 1, data: [candle(120, close)] });
    source.emit({ type: 'update', channel: 'ohlc', symbol: 'BTC/USD', interval: 1, data: [candle(180, '2.0')] });
    clock.advance(100);
    assert.deepEqual(bars, ['1.2', '1.5', '2.0']);
    // a snapshot supersedes changes still waiting for their publish
    source.emit({ type: 'update', channel: 'ohlc', symbol: 'BTC/USD', interval: 1, data: [candle(180, '2.1')] });
    source.emit({ type: 'snapshot', channel: 'ohlc', symbol: 'BTC/USD', interval: 1, data: [candle(60, '1.0'), candle(120, '1.5'), candle(180, '2.2')] });
    clock.advance(100);
    assert.deepEqual(bars, ['1.2', '1.5', '2.0']);
    assert.deepEqual(snapshots, [2, 3]);
    const late: number[] = [];
    const off2 = store.subscribeBars({ snapshot: (c) => late.push(c.length), bar: () => undefined });
    assert.deepEqual(late, [3], 'a late chart gets the current series at once');
    off();
    off2();
    assert.equal(source.listeners.size, 0);
  });
});

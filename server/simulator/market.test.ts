import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { INTERVALS } from './candles';
import { Market, type MarketEvent } from './market';
import { tickerStats } from './market-stats';
import { PAIRS } from './markets';
import { BookViews } from './ws-book-views';

const START = Date.UTC(2026, 10, 25, 12, 0, 30, 250);

function fakeClock(start = START) {
  const clock = { t: start, now: () => clock.t };
  return clock;
}

/** Runs a market for `seconds` of fake time and returns a compact log of its first `limit` events. */
function recordEvents(seed: number, seconds: number, limit: number): string[] {
  const clock = fakeClock();
  const market = new Market({ seed, now: clock.now });
  const log: string[] = [];
  market.subscribe((e: MarketEvent) => {
    if (log.length >= limit) return;
    if (e.kind === 'book') log.push(`${e.pair.id}@${e.time} book ${e.changes.map((c) => `${c.side[0]}${c.price}:${c.qty}`).join(',')}`);
    if (e.kind === 'trades') log.push(`${e.pair.id}@${e.time} trades ${e.trades.map((t) => `${t.id}:${t.side}:${t.price}:${t.qty}`).join(',')}`);
  });
  for (let i = 0; i < seconds * 4; i++) {
    clock.t += 250;
    market.advance(clock.t);
  }
  return log;
}

describe('synthetic market', () => {
  it('replays exactly for the same seed and clock, and differs for another seed', () => {
    const a = recordEvents(11, 10, 400);
    const b = recordEvents(11, 10, 400);
    const c = recordEvents(12, 10, 400);
    assert.equal(a.length, 400);
    assert.ok(a.some((line) => line.includes(' trades ')), 'trades happen');
    assert.ok(a.some((line) => line.startsWith('XXBTZUSD') && line.includes(' book ')), 'BTC book updates happen');
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('starts every pair at its seed price and seed 24h change, with deep uncrossed books', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 5, now: clock.now });
    for (const pair of PAIRS) {
      const m = market.pair(pair.id);
      assert.equal(market.top(pair.id).last, Number(pair.seedPrice).toFixed(pair.pairDecimals), pair.id);
      const day = tickerStats(m, clock.t).day;
      const change = ((m.lastPrice - day.open) / day.open) * 100;
      // the price 24 h ago sits on the tick, so the change can be off by at most one tick's worth
      const oneTickPct = 100 / day.open;
      assert.ok(Math.abs(change - pair.seedChangePct) <= Math.max(0.005, oneTickPct), `${pair.id} change ${change} vs ${pair.seedChangePct}`);
      assert.ok(m.bids.size >= 1000 && m.asks.size >= 1000, `${pair.id} depth ${m.bids.size}/${m.asks.size}`);
      assert.ok(m.bestBid < m.bestAsk, `${pair.id} not crossed`);
    }
  });

  it('keeps books deep, sorted, positive and uncrossed while it runs', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 9, now: clock.now });
    for (let i = 0; i < 120; i++) {
      clock.t += 500;
      market.advance(clock.t);
    }
    for (const pair of PAIRS) {
      const m = market.pair(pair.id);
      assert.ok(m.bids.size >= 1000 && m.asks.size >= 1000, `${pair.id} depth ${m.bids.size}/${m.asks.size}`);
      assert.ok(m.bestBid < m.bestAsk, `${pair.id} crossed ${m.bestBid}/${m.bestAsk}`);
      for (const side of [m.bids, m.asks]) {
        side.levels.forEach((level, i) => {
          assert.ok(level.qty > 0 && level.price > 0 && Number.isInteger(level.qty) && Number.isInteger(level.price));
          const next = side.levels[i + 1];
          if (next) assert.ok(side.isBetter(level.price, next.price), `${pair.id} ${side.side} sorted`);
        });
      }
    }
  });

  it('has ≥ 720 committed candles per interval plus the open one, built on from trades', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 2, now: clock.now });
    const m = market.pair('XXBTZUSD');
    for (const interval of INTERVALS) {
      const series = m.series(interval);
      assert.ok(series.candles.length >= 721, `${interval}: ${series.candles.length}`);
      const current = series.current();
      assert.equal(current.time, Math.floor(clock.t / 1000 / (interval * 60)) * interval * 60, `${interval} current start`);
      for (let i = 1; i < series.candles.length; i++) {
        const c = series.candles[i];
        assert.equal(c?.time, (series.candles[i - 1]?.time ?? 0) + interval * 60, `${interval} contiguous`);
        assert.ok(c && c.low <= Math.min(c.open, c.close) && c.high >= Math.max(c.open, c.close), `${interval} OHLC consistent`);
      }
    }
    const before = m.series(1).current().count;
    for (let i = 0; i < 20; i++) {
      clock.t += 1000;
      market.advance(clock.t);
    }
    const minute = m.series(1);
    const traded = minute.candles.filter((c) => c.time >= Math.floor(START / 60000) * 60).reduce((n, c) => n + c.count, 0);
    assert.ok(traded > before, 'live trades feed the open candles');
    assert.equal(minute.current().close, m.lastPrice);
    assert.equal(m.series(1440).current().close, m.lastPrice);
  });

  it('follows a set book update rate', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 4, now: clock.now });
    market.setBookRate('XXBTZUSD', 500);
    const views = new BookViews();
    const btc = market.pair('XXBTZUSD');
    views.snapshot(btc, 10);
    let books = 0;
    let visibleAtDepth10 = 0;
    market.subscribe((e) => {
      if (e.kind !== 'book' || e.pair.id !== 'XXBTZUSD') return;
      books++;
      if (views.update(btc, 10)) visibleAtDepth10++;
    });
    for (let i = 0; i < 40; i++) {
      clock.t += 50;
      market.advance(clock.t);
    }
    // 2 s at 500/s: a Poisson count this far from 1,000 is practically impossible
    assert.ok(books > 800 && books < 1250, `book events ${books}`);
    // the rate is what a depth-10 subscriber sees, not mostly invisible changes deep in the book
    assert.ok(visibleAtDepth10 > 0.75 * books, `${visibleAtDepth10} of ${books} visible at depth 10`);
  });

  it('moves a price on control: trade prints there and the book re-quotes around it', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 4, now: clock.now });
    const events: MarketEvent[] = [];
    market.subscribe((e) => events.push(e));
    assert.equal(market.movePrice('XETHZUSD', '4000.00'), true);
    const top = market.top('XETHZUSD');
    assert.equal(top.last, '4000.00');
    assert.ok(Number(top.bid) < 4000 && Number(top.ask) > 4000 && Number(top.ask) - Number(top.bid) < 1, JSON.stringify(top));
    assert.ok(events.some((e) => e.kind === 'trades' && e.pair.id === 'XETHZUSD'));
    assert.ok(events.some((e) => e.kind === 'book' && e.pair.id === 'XETHZUSD'));
    assert.equal(market.movePrice('XETHZUSD', '4000.001'), false, 'off-tick price refused');
    assert.equal(market.movePrice('XETHZUSD', '-1'), false);
  });

  it('keeps a price set far below the usual range there (the walk does not pull it back)', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 8, now: clock.now });
    assert.equal(market.movePrice('SHIBUSD', '0.00000500'), true);
    for (let i = 0; i < 40; i++) {
      clock.t += 250;
      market.advance(clock.t);
    }
    const last = Number(market.top('SHIBUSD').last);
    assert.ok(last > 0.000004 && last < 0.000006, `SHIB last ${last}`);
    assert.ok(market.pair('SHIBUSD').bestBid < market.pair('SHIBUSD').bestAsk);
  });

  it('records fills from the trading side as public trades and book changes', () => {
    const clock = fakeClock();
    const market = new Market({ seed: 4, now: clock.now });
    const ticks: string[] = [];
    market.onTick((pairId, top) => ticks.push(`${pairId}:${top.last}`));
    const [best] = market.levels('XXBTZUSD', 'asks', 1);
    assert.ok(best);
    const m = market.pair('XXBTZUSD');
    const tradesBefore = m.trades.length;
    market.recordTakerFill('XXBTZUSD', 'buy', best.price, '0.00001000', 'asks');
    assert.equal(m.trades.length, tradesBefore + 1);
    assert.equal(m.trades[m.trades.length - 1]?.side, 'buy');
    const [after] = market.levels('XXBTZUSD', 'asks', 1);
    assert.equal(after?.price, best.price);
    assert.equal(Number(after?.qty), Number(best.qty) - 0.00001);
    market.recordMakerFill('XXBTZUSD', 'sell', '100000.0', '0.5');
    assert.equal(m.trades[m.trades.length - 1]?.price, 1_000_000);
    assert.deepEqual(ticks, [`XXBTZUSD:${best.price}`, 'XXBTZUSD:100000.0']);
  });

  it('reports system status changes to subscribers', () => {
    const market = new Market({ seed: 1, now: fakeClock().now });
    const seen: string[] = [];
    market.subscribe((e) => {
      if (e.kind === 'status') seen.push(e.status);
    });
    market.setStatus('cancel_only');
    market.setStatus('cancel_only');
    market.setStatus('online');
    assert.deepEqual(seen, ['cancel_only', 'online']);
    assert.equal(market.status(), 'online');
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEma, createSma, indicatorSeries } from './indicators';

/** Straightforward reference implementations, recomputed from scratch at every bar. */
function naiveSma(values: number[], period: number): (number | undefined)[] {
  return values.map((_, i) => (i + 1 < period ? undefined : values.slice(i + 1 - period, i + 1).reduce((a, b) => a + b, 0) / period));
}
function naiveEma(values: number[], period: number): (number | undefined)[] {
  const k = 2 / (period + 1);
  const out: (number | undefined)[] = [];
  let ema: number | undefined;
  values.forEach((v, i) => {
    if (i + 1 < period) out.push(undefined);
    else if (i + 1 === period) out.push((ema = values.slice(0, period).reduce((a, b) => a + b, 0) / period));
    else out.push((ema = v * k + (ema as number) * (1 - k)));
  });
  return out;
}

/** Deterministic pseudo-random closes (a random walk). */
function walk(n: number): number[] {
  let x = 100;
  let seed = 7;
  return Array.from({ length: n }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    x += (seed / 2147483648 - 0.5) * 3;
    return x;
  });
}

function assertClose(actual: (number | undefined)[], expected: (number | undefined)[]): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((a, i) => {
    const e = expected[i];
    if (e === undefined || a === undefined) assert.equal(a, e, `bar ${i}`);
    else assert.ok(Math.abs(a - e) < 1e-9, `bar ${i}: ${a} vs ${e}`);
  });
}

describe('createSma', () => {
  it('matches the naive SMA', () => {
    const values = walk(300);
    for (const period of [1, 5, 20, 50]) {
      const sma = createSma(period);
      assertClose(values.map((v, i) => sma.push(i * 60, v)), naiveSma(values, period));
    }
  });

  it('replaces the newest bar when the same time is pushed again', () => {
    const sma = createSma(2);
    sma.push(0, 10);
    assert.equal(sma.push(60, 20), 15);
    assert.equal(sma.push(60, 30), 20);
    assert.equal(sma.push(120, 40), 35);
  });

  it('rejects bars older than the newest and bad periods', () => {
    const sma = createSma(3);
    sma.push(120, 1);
    assert.throws(() => sma.push(60, 1), RangeError);
    assert.throws(() => createSma(0), RangeError);
    assert.throws(() => createEma(2.5), RangeError);
  });
});

describe('createEma', () => {
  it('matches the naive EMA seeded with the SMA', () => {
    const values = walk(300);
    for (const period of [1, 3, 20, 50]) {
      const ema = createEma(period);
      assertClose(values.map((v, i) => ema.push(i * 60, v)), naiveEma(values, period));
    }
  });

  it('gives the same result when the open candle is updated several times before closing', () => {
    const values = walk(60);
    const live = createEma(10);
    const results = values.map((v, i) => {
      live.push(i * 60, v + 5);
      live.push(i * 60, v - 2);
      return live.push(i * 60, v);
    });
    assertClose(results, naiveEma(values, 10));
  });

  it('replaces the bar that completed the seed window', () => {
    const ema = createEma(2);
    ema.push(0, 10);
    assert.equal(ema.push(60, 20), 15);
    assert.equal(ema.push(60, 30), 20);
    // k = 2/3: 40·2/3 + 20·1/3
    assert.ok(Math.abs((ema.push(120, 40) as number) - 100 / 3) < 1e-12);
  });
});

describe('indicatorSeries', () => {
  it('keeps only bars with a value', () => {
    const points = indicatorSeries(createSma(2), [{ time: 0, value: 1 }, { time: 60, value: 3 }, { time: 120, value: 5 }]);
    assert.deepEqual(points, [{ time: 60, value: 2 }, { time: 120, value: 4 }]);
  });
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { actionCost, DecayingLevel, OrderRateError, TradingRateModel } from './trading-rate';

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => { t += ms; } };
}

const refusal = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (error) {
    assert.ok(error instanceof OrderRateError);
    return `${error.code} ${error.status} ${error.retryAfterSeconds}`;
  }
};

describe('Kraken\'s per-pair trading counter, modelled', () => {
  test('costs: add 1; amend 1 + 3/2/1 under 5/10/15 s; cancel 8/6/5/4/2/1 by age, nothing after 300 s', () => {
    assert.equal(actionCost({ kind: 'add' }), 1);
    assert.deepEqual([0, 5_000, 10_000, 15_000].map((ageMs) => actionCost({ kind: 'amend', ageMs })), [4, 3, 2, 1]);
    assert.deepEqual([0, 5_000, 10_000, 15_000, 45_000, 90_000, 300_000].map((ageMs) => actionCost({ kind: 'cancel', ageMs })), [8, 6, 5, 4, 2, 1, 0]);
  });

  test('a member is refused at their share, the pair at its ceiling; both decay with time', () => {
    const c = clock();
    // starter: threshold 60, headroom 10 → ceiling 50; share 0.5 → 25 per member, decaying 0.5/s
    const model = new TradingRateModel({ tier: 'starter', headroom: 10, memberShare: 0.5, now: c.now });
    for (let i = 0; i < 25; i++) model.charge('BTC/USD', 1, { kind: 'add' });
    assert.equal(refusal(() => model.charge('BTC/USD', 1, { kind: 'add' })), 'order_rate_member 429 2');
    assert.equal(refusal(() => model.charge('ETH/USD', 1, { kind: 'add' })), 'ok', 'pairs are separate');
    for (let i = 0; i < 25; i++) model.charge('BTC/USD', 2, { kind: 'add' });
    assert.equal(model.level('BTC/USD'), 50);
    assert.equal(refusal(() => model.charge('BTC/USD', 3, { kind: 'add' })), 'order_rate_pair 429 1', 'a third member meets the full pair');
    c.advance(2_000);
    assert.equal(refusal(() => model.charge('BTC/USD', 1, { kind: 'add' })), 'ok', '2 s decay 1 unit of the member\'s share');
  });

  test('amends and cancels carry their age penalties; a refund gives a charge back; Kraken\'s own refusal fills the pair', () => {
    const c = clock();
    const model = new TradingRateModel({ tier: 'pro', headroom: 0, memberShare: 1, now: c.now });
    model.charge('BTC/USD', 1, { kind: 'add' });
    model.noteChange('OAAAAA-BBBBB-CCCCCC', 'BTC/USD');
    c.advance(3_000);
    assert.equal(model.ageOf('OAAAAA-BBBBB-CCCCCC'), 3_000);
    assert.equal(model.symbolOf('OAAAAA-BBBBB-CCCCCC'), 'BTC/USD');
    model.record('BTC/USD', { kind: 'cancel', ageMs: model.ageOf('OAAAAA-BBBBB-CCCCCC') });
    assert.equal(model.level('BTC/USD'), 8, 'the add decayed away in 3 s (3.75/s); a cancel at 3 s adds 8');
    model.refund('BTC/USD', 1, { kind: 'add' });
    assert.equal(model.level('BTC/USD'), 7);
    model.markExceeded('BTC/USD');
    assert.equal(refusal(() => model.charge('BTC/USD', 1, { kind: 'add' })), 'order_rate_pair 429 1');
    assert.equal(model.ageOf('OUNKNO-WNORD-ERXXXX', c.now() - 20_000), 20_000, 'unknown orders use their open time');
  });

  test('a decaying level works as a token bucket', () => {
    const c = clock();
    const bucket = new DecayingLevel(2, 0.5, c.now);
    assert.deepEqual([bucket.take(), bucket.take(), bucket.take()], [true, true, false]);
    c.advance(2_000);
    assert.equal(bucket.take(), true);
  });
});

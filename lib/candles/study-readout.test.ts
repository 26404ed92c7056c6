import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatStudyValue, macdSlow, studyDecimals, studyReadout, studyTitle } from './study-readout';

describe('studyTitle', () => {
  it('names each study with its parameters', () => {
    assert.equal(studyTitle({ kind: 'sma', period: 20 }), 'SMA 20');
    assert.equal(studyTitle({ kind: 'ema', period: 50 }), 'EMA 50');
    assert.equal(studyTitle({ kind: 'vwap', period: 2 }), 'VWAP');
    assert.equal(studyTitle({ kind: 'bollinger', period: 20 }), 'BB 20 2');
    assert.equal(studyTitle({ kind: 'rsi', period: 14 }), 'RSI 14');
    assert.equal(studyTitle({ kind: 'macd', period: 12 }), 'MACD 12 26 9');
  });

  it("keeps MACD's slow period slower than the fast one", () => {
    assert.equal(macdSlow(12), 26);
    assert.equal(macdSlow(6), 13);
    assert.equal(macdSlow(2), 4);
  });
});

describe('formatStudyValue', () => {
  it('groups thousands and fixes the decimals', () => {
    assert.equal(formatStudyValue(67234.5, 1), '67,234.5');
    assert.equal(formatStudyValue(1234567.891, 2), '1,234,567.89');
    assert.equal(formatStudyValue(0.5, 0), '1');
    assert.equal(formatStudyValue(-1234.25, 2), '−1,234.25');
  });

  it('shows a dash while the study has too few bars', () => {
    assert.equal(formatStudyValue(undefined, 2), '—');
    assert.equal(formatStudyValue(Number.NaN, 2), '—');
  });
});

describe('studyReadout', () => {
  it('is the title and each value at the pair precision (RSI with two decimals, MACD at least two)', () => {
    assert.equal(studyReadout({ kind: 'sma', period: 20 }, [67234.54], 1), 'SMA 20 67,234.5');
    assert.equal(studyReadout({ kind: 'bollinger', period: 20 }, [67234.5, 68010, 66459], 1), 'BB 20 2 67,234.5 68,010.0 66,459.0');
    assert.equal(studyReadout({ kind: 'rsi', period: 14 }, [61.234], 1), 'RSI 14 61.23');
    assert.equal(studyReadout({ kind: 'macd', period: 12 }, [12.4, 10.049, -2.351], 1), 'MACD 12 26 9 12.40 10.05 −2.35');
    assert.equal(studyReadout({ kind: 'ema', period: 50 }, [undefined], 2), 'EMA 50 —');
    assert.equal(studyDecimals('macd', 5), 5);
  });
});

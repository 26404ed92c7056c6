import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyPatch } from './member-ui';
import { DEFAULT_UI_SETTINGS, mergeSettings } from './member-ui-basics';

describe('mergeSettings', () => {
  it('lays a patch over the settings section by section, keeping the fields it does not name', () => {
    const next = mergeSettings(DEFAULT_UI_SETTINGS, { book: { grouping: 10 }, layout: { chartPct: 50 } });
    assert.deepEqual(next.book, { depth: 25, grouping: 10 });
    assert.deepEqual(next.layout, { ...DEFAULT_UI_SETTINGS.layout, chartPct: 50 });
    assert.deepEqual(next.chart, DEFAULT_UI_SETTINGS.chart);
    assert.notEqual(next, DEFAULT_UI_SETTINGS, 'a new object: the defaults are never changed');
  });

  it('agrees with the desk\'s validated applyPatch for every valid patch', () => {
    const patch = { chart: { interval: 240 as const, indicators: [{ kind: 'sma' as const, period: 20 }] }, markets: { direction: 'asc' as const } };
    assert.deepEqual(mergeSettings(DEFAULT_UI_SETTINGS, patch), applyPatch(DEFAULT_UI_SETTINGS, patch));
  });
});

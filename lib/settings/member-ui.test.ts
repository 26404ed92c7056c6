import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { applyPatch, DEFAULT_UI_SETTINGS, readSettings, settingsPatchSchema } from './member-ui';

test('reading fills missing and invalid fields with defaults and keeps valid ones', () => {
  assert.deepEqual(readSettings(undefined), DEFAULT_UI_SETTINGS);
  assert.deepEqual(readSettings('nonsense'), DEFAULT_UI_SETTINGS);
  const read = readSettings({ chart: { interval: 21600, scale: 'sideways' }, book: { depth: 100, grouping: 7 }, extra: { x: 1 } });
  assert.equal(read.chart.interval, 21600);
  assert.equal(read.chart.scale, 'normal');
  assert.deepEqual(read.book, { depth: 100, grouping: 1 });
  assert.equal('extra' in read, false);
  // the defaults themselves are never shared with a result
  read.chart.indicators.push({ kind: 'sma', period: 20 });
  assert.deepEqual(DEFAULT_UI_SETTINGS.chart.indicators, []);
});

test('a patch changes only the fields it names', () => {
  const next = applyPatch(DEFAULT_UI_SETTINGS, { chart: { scale: 'log' }, markets: { sort: 'changePct' } });
  assert.equal(next.chart.scale, 'log');
  assert.equal(next.chart.interval, 60);
  assert.deepEqual(next.markets, { sort: 'changePct', direction: 'desc' });
  assert.deepEqual(next.book, DEFAULT_UI_SETTINGS.book);
});

test('the PUT schema refuses unknown sections, unknown fields and values out of range', () => {
  assert.equal(settingsPatchSchema.safeParse({ chart: { interval: 21600, indicators: [{ kind: 'rsi', period: 14 }] } }).success, true);
  assert.equal(settingsPatchSchema.safeParse({ theme: 'dark' }).success, false);
  assert.equal(settingsPatchSchema.safeParse({ chart: { colour: 'red' } }).success, false);
  assert.equal(settingsPatchSchema.safeParse({ chart: { interval: 7 } }).success, false);
  assert.equal(settingsPatchSchema.safeParse({ chart: { indicators: [{ kind: 'rsi', period: 1 }] } }).success, false);
  assert.equal(settingsPatchSchema.safeParse({ book: { depth: 26 } }).success, false);
  assert.equal(settingsPatchSchema.safeParse([]).success, false);
});

test('the trade page layout keeps its panel sizes within bounds; a stored size from before is the default', () => {
  assert.deepEqual(readSettings({ layout: { panel: 'fills' } }).layout, { ...DEFAULT_UI_SETTINGS.layout, panel: 'fills' });
  assert.equal(readSettings({ layout: { sideWidth: 700, chartPct: 40 } }).layout.sideWidth, 700);
  assert.equal(readSettings({ layout: { sideWidth: 5000, chartPct: 40.5 } }).layout.sideWidth, 600);
  assert.equal(readSettings({ layout: { chartPct: 40.5 } }).layout.chartPct, 62);
  assert.equal(settingsPatchSchema.safeParse({ layout: { sideWidth: 720, chartPct: 50 } }).success, true);
  assert.equal(settingsPatchSchema.safeParse({ layout: { sideWidth: 100 } }).success, false);
  assert.equal(settingsPatchSchema.safeParse({ layout: { chartPct: 95 } }).success, false);
});

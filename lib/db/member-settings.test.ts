import { it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_UI_SETTINGS } from '../settings/member-ui';
import { forEachStore } from './contract/stores';

forEachStore('member settings repository', (store) => {
  it('settings start as defaults, patches merge per section, and each member has their own', async () => {
    const opened = await store.open();
    const { db } = opened;
    const ann = await db.members.create({ username: 'ann', passwordHash: 'h', role: 'trader' });
    const bob = await db.members.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
    assert.deepEqual(await db.memberSettings.get(ann.id), DEFAULT_UI_SETTINGS);
    const after = await db.memberSettings.update(ann.id, { chart: { interval: 21600, indicators: [{ kind: 'rsi', period: 14 }] }, book: { depth: 100 } });
    assert.equal(after.chart.interval, 21600);
    assert.equal(after.chart.scale, 'normal');
    await db.memberSettings.update(ann.id, { chart: { scale: 'log' }, markets: { sort: 'changePct', direction: 'asc' } });
    const read = await db.memberSettings.get(ann.id);
    assert.deepEqual(read.chart, { interval: 21600, scale: 'log', type: 'candles', indicators: [{ kind: 'rsi', period: 14 }] });
    assert.deepEqual(read.book, { depth: 100, grouping: 1 });
    assert.deepEqual(read.markets, { sort: 'changePct', direction: 'asc' });
    assert.deepEqual(await db.memberSettings.get(bob.id), DEFAULT_UI_SETTINGS);
    await opened.close();
  });

  it('concurrent patches of different sections all land', async () => {
    const opened = await store.open();
    const { db } = opened;
    const ann = await db.members.create({ username: 'ann', passwordHash: 'h', role: 'trader' });
    await Promise.all([
      db.memberSettings.update(ann.id, { chart: { type: 'line' } }),
      db.memberSettings.update(ann.id, { book: { grouping: 10 } }),
      db.memberSettings.update(ann.id, { layout: { panel: 'fills' } }),
      db.memberSettings.update(ann.id, { markets: { direction: 'asc' } }),
    ]);
    const read = await db.memberSettings.get(ann.id);
    assert.equal(read.chart.type, 'line');
    assert.equal(read.book.grouping, 10);
    assert.equal(read.layout.panel, 'fills');
    assert.equal(read.markets.direction, 'asc');
    await opened.close();
  });
});

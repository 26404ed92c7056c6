import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { QueueModel } from './queue';

/** A queue model over a hand-held book: `levels` maps `side|price` to the quantity shown. */
function model(levels: Record<string, string>) {
  return new QueueModel((_pair, side, price) => levels[`${side}|${price}`] ?? '0');
}

describe('QueueModel', () => {
  it('queues behind what shows at the price and fills only what prints past it', () => {
    const q = model({ 'bids|100.0': '2' });
    q.join('A', 'P', 'buy', '100.0');
    q.onTrade('P', '100.0', '1.5', 'sell');
    q.onLevel('P', 'bids', '100.0', '2', '0.5');
    assert.equal(q.take('A', '0.5'), '0');
    q.onTrade('P', '100.0', '0.8', 'sell');
    assert.equal(q.take('A', '0.5'), '0.3');
    assert.equal(q.take('A', '0.2'), '0', 'credit is consumed once');
  });

  it('counts an unexplained level decrease as cancellations spread over the level', () => {
    const q = model({ 'asks|50.0': '4' });
    q.join('S', 'P', 'sell', '50.0');
    // 2 of 4 cancelled with no print: half of the queue ahead of us left
    q.onLevel('P', 'asks', '50.0', '4', '2');
    assert.equal(q.entry('S')?.ahead.toFixed(), '2');
    // a decrease the print explains is not counted twice
    q.onTrade('P', '50.0', '1', 'buy');
    q.onLevel('P', 'asks', '50.0', '2', '1');
    assert.equal(q.entry('S')?.ahead.toFixed(), '1');
    // growth joins behind us
    q.onLevel('P', 'asks', '50.0', '1', '9');
    assert.equal(q.entry('S')?.ahead.toFixed(), '1');
  });

  it('fills everything once a trade goes through the price', () => {
    const q = model({ 'bids|100.0': '10' });
    q.join('A', 'P', 'buy', '100.0');
    q.onTrade('P', '100.5', '3', 'sell');
    assert.equal(q.take('A', '1'), '0', 'a print above a buy does not reach it');
    q.onTrade('P', '99.9', '0.01', 'sell');
    assert.equal(q.take('A', '1'), '1');
  });

  it('ignores prints on the other side, other pairs and other prices', () => {
    const q = model({ 'bids|100.0': '1' });
    q.join('A', 'P', 'buy', '100.0');
    q.onTrade('P', '100.0', '5', 'buy');
    q.onTrade('Q', '100.0', '5', 'sell');
    q.onTrade('P', '100.1', '5', 'sell');
    assert.equal(q.entry('A')?.ahead.toFixed(), '1');
    assert.equal(q.take('A', '1'), '0');
  });

  it('keeps its place on a re-join at the same price, goes to the back on a requeue or a new price', () => {
    const levels: Record<string, string> = { 'bids|100.0': '3' };
    const q = model(levels);
    q.join('A', 'P', 'buy', '100.0');
    q.onTrade('P', '100.0', '2', 'sell');
    q.onLevel('P', 'bids', '100.0', '3', '1');
    q.onLevel('P', 'bids', '100.0', '1', '4');
    levels['bids|100.0'] = '4';
    q.join('A', 'P', 'buy', '100.0');
    assert.equal(q.entry('A')?.ahead.toFixed(), '1');
    q.join('A', 'P', 'buy', '100.0', true);
    assert.equal(q.entry('A')?.ahead.toFixed(), '4');
    q.join('A', 'P', 'buy', '99.0');
    assert.equal(q.entry('A')?.ahead.toFixed(), '0');
  });

  it('a new slice queues behind what shows less what has printed but not yet left the book', () => {
    const q = model({ 'bids|100.0': '0.5' });
    q.onTrade('P', '100.0', '0.25', 'sell');
    q.join('A', 'P', 'buy', '100.0', true);
    assert.equal(q.entry('A')?.ahead.toFixed(), '0.25');
  });

  it('after a gap never keeps more ahead than now shows', () => {
    const levels: Record<string, string> = { 'bids|100.0': '3' };
    const q = model(levels);
    q.join('A', 'P', 'buy', '100.0');
    levels['bids|100.0'] = '0.5';
    q.onResync('P');
    assert.equal(q.entry('A')?.ahead.toFixed(), '0.5');
    q.leave('A');
    assert.equal(q.take('A', '1'), '0');
  });
});

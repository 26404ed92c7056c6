import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AccountFeedStore } from './account-feed';
import { FakeSource } from './testing/fake-source';

const executionsFrame = { type: 'private', channel: 'executions', kind: 'update', data: [] } as const;

describe('AccountFeedStore', () => {
  it('is live once account frames flow, follows the hub\'s account status, and recovers on the next frame', () => {
    const source = new FakeSource();
    const store = new AccountFeedStore(source);
    let renders = 0;
    const off = store.subscribe(() => renders++);
    assert.equal(store.getSnapshot(), 'connecting');
    source.emit(executionsFrame);
    assert.equal(store.getSnapshot(), 'live');
    source.emit({ type: 'status', feed: 'stale', account: true });
    assert.equal(store.getSnapshot(), 'stale');
    source.emit({ type: 'status', feed: 'resyncing', account: true });
    assert.equal(store.getSnapshot(), 'resyncing');
    source.emit(executionsFrame);
    assert.equal(store.getSnapshot(), 'live');
    assert.equal(renders, 4, 'one notification per change');
    source.emit(executionsFrame);
    assert.equal(renders, 4, 'no notification without a change');
    off();
    assert.equal(source.listeners.size, 0, 'the last listener closes the subscription');
  });

  it('reports the tab\'s own connection first: a dropped socket is not live whatever the account said', () => {
    const source = new FakeSource();
    const store = new AccountFeedStore(source);
    store.subscribe(() => undefined);
    source.emit(executionsFrame);
    source.setState('offline');
    assert.equal(store.getSnapshot(), 'offline');
    source.setState('live');
    assert.equal(store.getSnapshot(), 'live');
  });

  it('a refused or unconfigured account channel reads as offline, not as connecting forever', () => {
    const source = new FakeSource();
    const store = new AccountFeedStore(source);
    store.subscribe(() => undefined);
    source.emit({ type: 'error', code: 'unavailable', message: 'private data is not configured on this desk' });
    assert.equal(store.getSnapshot(), 'offline');
  });
});

import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import type { ExecutionUpdate } from '../../lib/kraken/account-updates';
import type { ExecutionsWatcher } from './hub-types';
import { FakeSink } from './testing/fakes';
import { hubOnFakeUpstreams } from './testing/two-upstreams';
import { HELD_RETRY_MS } from './hub-feeds';

const setup = hubOnFakeUpstreams;

function recorder(): ExecutionsWatcher & { heard: string[] } {
  const heard: string[] = [];
  return {
    heard,
    observe: (kind: string, rows: readonly ExecutionUpdate[]) => heard.push(`${kind} ${rows.map((r) => `${r.orderId}:${r.orderStatus}`).join(',')}`),
    connection: (state: string) => heard.push(`state ${state}`),
  };
}

test('a watcher keeps the executions feed subscribed with no browser, and hears its rows and the connection states', () => {
  const { privateUpstream, hub } = setup();
  const watcher = recorder();
  const unwatch = hub.watchExecutions(watcher);
  assert.deepEqual(privateUpstream.calls, ['sub executions']);
  privateUpstream.emit({ channel: 'executions', type: 'snapshot', data: [{ orderId: 'A', orderStatus: 'new' }] });
  // a browser comes and goes (linger 0): the feed stays, because the watcher holds it
  const browser = hub.connect(new FakeSink());
  browser.subscribe({ channel: 'executions' });
  browser.close();
  assert.deepEqual(privateUpstream.calls, ['sub executions'], 'the last browser leaving does not drop a held feed');
  privateUpstream.emit({ channel: 'executions', type: 'update', data: [{ orderId: 'A', orderStatus: 'filled' }], sequence: 2 });
  privateUpstream.emit({ channel: 'balances', type: 'update', data: [{ asset: 'BTC', balance: '1', wallet: 'spot' }], sequence: 1 });
  privateUpstream.setState('connecting');
  assert.deepEqual(watcher.heard, ['snapshot A:new', 'update A:filled', 'state connecting']);
  unwatch();
  unwatch();
  assert.deepEqual(privateUpstream.calls, ['sub executions', 'unsub executions'], 'released once, with no browser left');
});

test('a watcher joining a feed that browsers already read asks for a fresh snapshot; unwatching leaves their feed alone', () => {
  const { privateUpstream, hub } = setup();
  const browser = hub.connect(new FakeSink());
  browser.subscribe({ channel: 'executions' });
  const unwatch = hub.watchExecutions(recorder());
  assert.deepEqual(privateUpstream.calls, ['sub executions', 'resub executions']);
  unwatch();
  assert.deepEqual(privateUpstream.calls, ['sub executions', 'resub executions'], 'a browser still reads it');
  browser.close();
  assert.deepEqual(privateUpstream.calls, ['sub executions', 'resub executions', 'unsub executions']);
});

test('without a private upstream (no key) watching does nothing', () => {
  const { upstream, hub } = setup(false);
  const watcher = recorder();
  hub.watchExecutions(watcher)();
  assert.deepEqual(upstream.calls, []);
  assert.deepEqual(watcher.heard, []);
});

test('a held feed the exchange refused is asked for again a minute later, and not once its watcher has gone', (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { privateUpstream, hub } = setup();
  const unwatch = hub.watchExecutions(recorder());
  privateUpstream.reject({ channel: 'executions' }, 'EGeneral:Permission denied');
  mock.timers.tick(HELD_RETRY_MS - 1);
  assert.deepEqual(privateUpstream.calls, ['sub executions']);
  mock.timers.tick(1);
  assert.deepEqual(privateUpstream.calls, ['sub executions', 'sub executions']);
  privateUpstream.reject({ channel: 'executions' }, 'EGeneral:Permission denied');
  unwatch();
  mock.timers.tick(HELD_RETRY_MS);
  assert.deepEqual(privateUpstream.calls, ['sub executions', 'sub executions'], 'nobody holds it any more');
});

test('a closed hub does not ask again for a refused held feed', async (t) => {
  mock.timers.enable({ apis: ['setTimeout'] });
  t.after(() => mock.timers.reset());
  const { privateUpstream, hub } = setup();
  hub.watchExecutions(recorder());
  privateUpstream.reject({ channel: 'executions' }, 'EGeneral:Permission denied');
  await hub.close();
  mock.timers.tick(HELD_RETRY_MS);
  assert.deepEqual(privateUpstream.calls, ['sub executions']);
});

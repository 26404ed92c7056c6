import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ApiResult } from './api-client';
import { polledResource } from './polled-resource';

/** A load whose answers the test releases one by one. */
function controlledLoad() {
  const pending: ((r: ApiResult<number>) => void)[] = [];
  let calls = 0;
  return {
    load: () => {
      calls++;
      return new Promise<ApiResult<number>>((resolve) => pending.push(resolve));
    },
    get calls() {
      return calls;
    },
    answer(r: ApiResult<number>) {
      pending.shift()?.(r);
      return new Promise((done) => setImmediate(done));
    },
  };
}

test('the first listener loads once; a change during a read causes exactly one more read; the last listener leaving stops the trigger', async () => {
  const c = controlledLoad();
  let fire: (() => void) | undefined;
  let untriggered = 0;
  const res = polledResource(c.load, 60_000, {
    trigger: (changed) => {
      fire = changed;
      return () => untriggered++;
    },
  });
  const offA = res.subscribe(() => {});
  const offB = res.subscribe(() => {});
  assert.equal(c.calls, 1);
  assert.equal(res.getSnapshot().status, 'loading');

  fire?.();
  fire?.();
  assert.equal(c.calls, 1, 'changes while reading wait for the read');
  await c.answer({ ok: true, status: 200, data: 1 });
  assert.deepEqual(res.getSnapshot(), { status: 'ready', data: 1, error: undefined });
  assert.equal(c.calls, 2, 'one more read for the changes announced meanwhile');

  await c.answer({ ok: false, status: 503, code: 'busy', message: 'Kraken is busy right now.' });
  assert.deepEqual(res.getSnapshot(), { status: 'error', data: 1, error: 'Kraken is busy right now.' }, 'keeps the last data with the error');

  offA();
  assert.equal(untriggered, 0);
  offB();
  assert.equal(untriggered, 1);
});

test('redraw shows the last answer through the view again without reading; errors keep the viewed data', async () => {
  const c = controlledLoad();
  let redraw: (() => void) | undefined;
  let offset = 0;
  const res = polledResource(c.load, 60_000, {
    trigger: (_changed, r) => {
      redraw = r;
      return () => undefined;
    },
    view: (n) => n + offset,
  });
  const off = res.subscribe(() => {});
  redraw?.();
  assert.equal(res.getSnapshot().status, 'loading', 'nothing to redraw before the first answer');
  await c.answer({ ok: true, status: 200, data: 10 });
  assert.deepEqual(res.getSnapshot(), { status: 'ready', data: 10, error: undefined });
  offset = 5;
  redraw?.();
  assert.deepEqual(res.getSnapshot(), { status: 'ready', data: 15, error: undefined });
  assert.equal(c.calls, 1, 'a redraw never reads');
  off();
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ThrottledPublisher } from './throttled-publisher';
import { FakeClock } from '@/lib/kraken/ws-test-fakes';

describe('ThrottledPublisher', () => {
  it('coalesces a burst of changes into one publish per interval', () => {
    const clock = new FakeClock();
    let builds = 0;
    let heard = 0;
    const p = new ThrottledPublisher(() => builds++, 100, clock);
    p.subscribe(() => heard++);
    // 500 changes spread over one second, like a busy book
    for (let i = 0; i < 500; i++) {
      p.changed();
      clock.advance(2);
    }
    clock.advance(100);
    assert.ok(heard >= 9 && heard <= 11, `published ${heard} times for 500 changes over ~1 s`);
    assert.equal(builds, heard);
  });

  it('publishes the first change after at most one interval and nothing when idle', () => {
    const clock = new FakeClock();
    let heard = 0;
    const p = new ThrottledPublisher(() => undefined, 100, clock);
    p.subscribe(() => heard++);
    clock.advance(1000);
    assert.equal(heard, 0);
    p.changed();
    clock.advance(0);
    assert.equal(heard, 1, 'idle long enough: publishes at once');
    p.changed();
    clock.advance(99);
    assert.equal(heard, 1);
    clock.advance(1);
    assert.equal(heard, 2);
  });

  it('flush publishes immediately and cancel drops a pending publish', () => {
    const clock = new FakeClock();
    let heard = 0;
    const p = new ThrottledPublisher(() => undefined, 100, clock);
    p.subscribe(() => heard++);
    p.changed();
    p.flush();
    assert.equal(heard, 1);
    clock.advance(500);
    assert.equal(heard, 1, 'the flushed change is not published twice');
    p.changed();
    clock.advance(0);
    p.changed();
    p.cancel();
    clock.advance(500);
    assert.equal(heard, 2);
  });
});

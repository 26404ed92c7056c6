import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PublishPace } from './publish-pace';
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

  it('asks a paced interval again at each change, so a stretched pace publishes less often', () => {
    const clock = new FakeClock();
    const pace = new PublishPace();
    let heard = 0;
    const p = new ThrottledPublisher(() => undefined, () => pace.interval(100), clock);
    p.subscribe(() => heard++);
    const burst = () => {
      heard = 0;
      for (let i = 0; i < 500; i++) {
        p.changed();
        clock.advance(2);
      }
      return heard;
    };
    const keepingUp = burst();
    for (let i = 0; i < 40; i++) pace.frameCame(50);
    const late = burst();
    assert.ok(keepingUp >= 9 && keepingUp <= 11, `${keepingUp} publishes a second while frames keep up`);
    assert.ok(late <= 4, `${late} publishes a second while frames come 50 ms late`);
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

import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { FakeClock } from '@/lib/kraken/ws-test-fakes';
import { animationFrames, FRAME_FALLBACK_MS } from './frames';
import { PublishPace } from './publish-pace';

/** The browser's requestAnimationFrame, stepped by hand: `frame()` runs the callbacks asked for. */
let callbacks = new Map<number, () => void>();
let nextId = 1;
const frame = () => {
  const due = [...callbacks.values()];
  callbacks = new Map();
  for (const run of due) run();
};

describe('animationFrames', () => {
  beforeEach(() => {
    callbacks = new Map();
    Object.assign(globalThis, {
      requestAnimationFrame: (run: () => void) => {
        callbacks.set(nextId, run);
        return nextId++;
      },
      cancelAnimationFrame: (id: number) => void callbacks.delete(id),
    });
  });
  afterEach(() => {
    Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
    Reflect.deleteProperty(globalThis, 'cancelAnimationFrame');
  });

  it('runs the work once at the frame and tells the pace how late the frame came', () => {
    const clock = new FakeClock();
    const pace = new PublishPace();
    const frames = animationFrames(clock, pace);
    let runs = 0;
    for (let i = 0; i < 10; i++) {
      frames(() => runs++);
      clock.advance(40);
      frame();
    }
    assert.equal(runs, 10);
    assert.ok(pace.factor() > 1.5, `frames 40 ms late stretch the publishing: ${pace.factor()}`);
    clock.advance(FRAME_FALLBACK_MS);
    assert.equal(runs, 10, 'the fallback timer of a frame that came does not run the work again');
  });

  it('a frame that does not come (hidden tab) runs the work from the fallback timer, once', () => {
    const clock = new FakeClock();
    const pace = new PublishPace();
    let runs = 0;
    animationFrames(clock, pace)(() => runs++);
    clock.advance(FRAME_FALLBACK_MS);
    frame();
    assert.equal(runs, 1);
    assert.equal(callbacks.size, 0, 'its frame request was cancelled');
  });

  it('undoing before the frame runs nothing', () => {
    const clock = new FakeClock();
    let runs = 0;
    const undo = animationFrames(clock, new PublishPace())(() => runs++);
    undo();
    frame();
    clock.advance(FRAME_FALLBACK_MS);
    assert.equal(runs, 0);
  });
});

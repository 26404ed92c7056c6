import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { FrameScheduler } from './frames';
import { MAX_TURN_WAIT_MS, publishGate } from './publish-gate';
import { ThrottledPublisher } from './throttled-publisher';
import { FakeClock } from '@/lib/kraken/ws-test-fakes';

/** Animation frames the test steps by hand. */
function manualFrames() {
  let waiting: (() => void)[] = [];
  const frames: FrameScheduler = (run) => {
    waiting.push(run);
    return () => {
      waiting = waiting.filter((w) => w !== run);
    };
  };
  return {
    frames,
    frame() {
      const due = waiting;
      waiting = [];
      for (const run of due) run();
    },
  };
}

describe('publishGate', () => {
  it('lets one publish through per frame, the rest in the order they came', () => {
    const { frames, frame } = manualFrames();
    const gate = publishGate(frames);
    const ran: string[] = [];
    for (const name of ['trades', 'candles', 'ticker']) gate.enter(() => ran.push(name));
    assert.deepEqual(ran, ['trades'], 'an open gate publishes at once');
    frame();
    assert.deepEqual(ran, ['trades', 'candles']);
    frame();
    assert.deepEqual(ran, ['trades', 'candles', 'ticker']);
    frame();
    gate.enter(() => ran.push('book'));
    assert.deepEqual(ran.at(-1), 'book', 'after a frame with nothing waiting the gate is open again');
  });

  it('forgets a withdrawn publish, and keeps turning when a publish throws', () => {
    const { frames, frame } = manualFrames();
    const gate = publishGate(frames);
    const ran: string[] = [];
    gate.enter(() => ran.push('first'));
    const withdraw = gate.enter(() => ran.push('withdrawn'));
    gate.enter(() => {
      throw new Error('a listener failed');
    });
    gate.enter(() => ran.push('last'));
    withdraw();
    assert.throws(() => frame(), /a listener failed/);
    assert.deepEqual(ran, ['first']);
    frame();
    assert.deepEqual(ran, ['first', 'last']);
  });
});

/** A publisher at a gate that another store took this frame, counting what its listener hears. */
function publisherAtTakenGate() {
  const clock = new FakeClock();
  const { frames, frame } = manualFrames();
  const gate = publishGate(frames);
  gate.enter(() => undefined);
  const heard = { count: 0 };
  const p = new ThrottledPublisher(() => undefined, 100, clock, gate);
  p.subscribe(() => heard.count++);
  return { clock, frame, gate, p, heard };
}

describe('publishGate on a slow page', () => {
  it('lets a publish that waited MAX_TURN_WAIT_MS go with the next turn', () => {
    const { frames, frame } = manualFrames();
    let now = 0;
    const gate = publishGate(frames, () => now);
    const ran: string[] = [];
    for (const name of ['book', 'trades', 'candles', 'ticker']) gate.enter(() => ran.push(name));
    now = 40;
    frame();
    assert.deepEqual(ran, ['book', 'trades']);
    now = MAX_TURN_WAIT_MS;
    frame();
    assert.deepEqual(ran, ['book', 'trades', 'candles', 'ticker'], 'both waited their longest: one turn takes them');
  });

  it('runs every publish due in a turn even when one throws, then reports it', () => {
    const { frames, frame } = manualFrames();
    let now = 0;
    const gate = publishGate(frames, () => now);
    const ran: string[] = [];
    gate.enter(() => ran.push('first'));
    gate.enter(() => {
      throw new Error('a listener failed');
    });
    gate.enter(() => ran.push('after'));
    now = MAX_TURN_WAIT_MS;
    assert.throws(() => frame(), /a listener failed/);
    assert.deepEqual(ran, ['first', 'after']);
    frame();
    gate.enter(() => ran.push('open again'));
    assert.equal(ran.at(-1), 'open again');
  });
});

describe('ThrottledPublisher at a gate', () => {
  it('waits for its turn, rides later changes along, and publishes once', () => {
    const { clock, frame, p, heard } = publisherAtTakenGate();
    p.changed();
    clock.advance(0);
    assert.equal(heard.count, 0, 'the gate is taken this frame');
    p.changed();
    p.changed();
    frame();
    assert.equal(heard.count, 1);
    frame();
    clock.advance(500);
    assert.equal(heard.count, 1, 'nothing changed since');
  });

  it('publishes inside an open gate without leaving a turn behind', () => {
    const clock = new FakeClock();
    const { frames, frame } = manualFrames();
    const p = new ThrottledPublisher(() => undefined, 100, clock, publishGate(frames));
    let heard = 0;
    p.subscribe(() => heard++);
    p.changed();
    clock.advance(0);
    assert.equal(heard, 1);
    frame();
    p.changed();
    clock.advance(100);
    assert.equal(heard, 2, 'the next change publishes at its interval');
  });

  it('a flush or a cancel withdraws a waiting publish', () => {
    const { clock, frame, gate, p, heard } = publisherAtTakenGate();
    p.changed();
    clock.advance(0);
    p.flush();
    assert.equal(heard.count, 1, 'a flush publishes at once, past the gate');
    frame();
    assert.equal(heard.count, 1, 'and its waiting turn is gone');
    p.changed();
    clock.advance(100);
    assert.equal(heard.count, 2);
    gate.enter(() => undefined);
    p.changed();
    clock.advance(100);
    p.cancel();
    frame();
    frame();
    assert.equal(heard.count, 2);
  });
});

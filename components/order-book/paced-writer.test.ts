import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextSlot, pacedWriter, type PacedClock } from './paced-writer';

/** A clock the test moves by hand; timers fire when `advance` passes them. */
function manualClock() {
  let now = 0;
  let timers: { at: number; run: () => void; id: number }[] = [];
  let ids = 0;
  const clock: PacedClock & { advance(ms: number): void; pending(): number } = {
    now: () => now,
    setTimeout(run, ms) {
      const id = ++ids;
      timers.push({ at: now + ms, run, id });
      return id;
    },
    clearTimeout(handle) {
      timers = timers.filter((t) => t.id !== handle);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers = timers.filter((t) => t !== due);
        now = due.at;
        due.run();
      }
      now = until;
    },
    pending: () => timers.length,
  };
  return clock;
}

describe('pacedWriter', () => {
  it('runs the first request at once and the latest of the rest at the next slot', () => {
    const clock = manualClock();
    const writer = pacedWriter(1000, 0, clock);
    const ran: string[] = [];
    clock.advance(100);
    writer.request(() => ran.push('a'));
    assert.deepEqual(ran, ['a']);
    for (const name of ['b', 'c', 'd']) {
      clock.advance(100);
      writer.request(() => ran.push(name));
    }
    assert.equal(clock.pending(), 1, 'one timer however many requests wait');
    clock.advance(500);
    assert.deepEqual(ran, ['a'], 'nothing before the slot');
    clock.advance(100);
    assert.deepEqual(ran, ['a', 'd'], 'only the latest waiting write runs, at the first slot half a period on');
  });

  it('keeps its slots after the first write: once a period, at the offset', () => {
    const clock = manualClock();
    const writer = pacedWriter(1000, 500, clock);
    const at: number[] = [];
    const write = () => at.push(clock.now());
    for (let t = 0; t < 3000; t += 100) {
      writer.request(write);
      clock.advance(100);
    }
    assert.deepEqual(at, [0, 500, 1500, 2500]);
  });

  it('drops a waiting write on cancel', () => {
    const clock = manualClock();
    const writer = pacedWriter(1000, 0, clock);
    let runs = 0;
    writer.request(() => runs++);
    writer.request(() => runs++);
    writer.cancel();
    clock.advance(5000);
    assert.equal(runs, 1);
    assert.equal(clock.pending(), 0);
  });

  it('finds the next slot at or after a time', () => {
    assert.equal(nextSlot(1000, 1000, 0), 1000);
    assert.equal(nextSlot(1001, 1000, 0), 2000);
    assert.equal(nextSlot(1001, 1000, 500), 1500);
    assert.equal(nextSlot(1500, 1000, 500), 1500);
  });
});

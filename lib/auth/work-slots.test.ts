import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, scryptSlots } from './password';
import { SlotsBusyError, WorkSlots } from './work-slots';

describe('WorkSlots', () => {
  it('runs at most maxActive tasks at once, in arrival order, and refuses past the queue', async () => {
    const slots = new WorkSlots(2, 3);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (n: number) => async () => {
      running += 1;
      most = Math.max(most, running);
      order.push(n);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
      return n;
    };
    const started = [0, 1, 2, 3, 4].map((n) => slots.run(task(n)));
    await assert.rejects(slots.run(task(5)), SlotsBusyError, 'queue of 3 is full');
    assert.deepEqual(await Promise.all(started), [0, 1, 2, 3, 4]);
    assert.equal(most, 2);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(slots.queued, 0);
  });

  it('caps concurrent scrypt across the process: 12 hashes at once never run more than 2 together', async () => {
    const slots = scryptSlots();
    slots.peak = 0;
    await Promise.all(Array.from({ length: 12 }, (_, i) => hashPassword(`pw-${i}`, { logN: 12, r: 8, p: 1 })));
    assert.equal(slots.peak, 2);
  });
});

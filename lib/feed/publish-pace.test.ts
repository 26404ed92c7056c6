import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_FACTOR, PROMPT_FRAME_MS, PublishPace } from './publish-pace';

describe('PublishPace', () => {
  it('keeps the base interval while frames come within a display frame', () => {
    const pace = new PublishPace();
    assert.equal(pace.interval(100), 100);
    for (let i = 0; i < 50; i++) pace.frameCame(i % 2 ? 4 : PROMPT_FRAME_MS);
    assert.equal(pace.interval(100), 100);
  });

  it('stretches the interval with the frames\' lateness and caps the stretch', () => {
    const pace = new PublishPace();
    for (let i = 0; i < 50; i++) pace.frameCame(2 * PROMPT_FRAME_MS);
    assert.ok(Math.abs(pace.interval(100) - 200) < 1, `about twice as long: ${pace.interval(100)}`);
    for (let i = 0; i < 50; i++) pace.frameCame(1000);
    assert.equal(pace.interval(100), 100 * MAX_FACTOR);
  });

  it('is moved by a run of late frames, not by one', () => {
    const pace = new PublishPace();
    pace.frameCame(60);
    assert.equal(pace.factor(), 1, 'one late frame (a GC, a tab switch) changes nothing');
    for (let i = 0; i < 10; i++) pace.frameCame(60);
    assert.ok(pace.factor() > 2);
  });

  it('returns to the base interval once frames are prompt again', () => {
    const pace = new PublishPace();
    for (let i = 0; i < 30; i++) pace.frameCame(100);
    assert.equal(pace.factor(), MAX_FACTOR);
    for (let i = 0; i < 30; i++) pace.frameCame(5);
    assert.equal(pace.interval(100), 100);
  });
});

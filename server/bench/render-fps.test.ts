import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RENDER_SCENARIOS, renderFigures, type RenderRound } from './render-fps';
import type { FrameSample } from './render-probe';

const sample = (fps: number, longTasks = 0, bookFramesPerS = 0, maxFrameGapMs = 17, messagesPerS = bookFramesPerS / 10): FrameSample => ({
  fps, longTasks, bookFramesPerS, maxFrameGapMs, messagesPerS,
});

test('the render scenarios are 500/s, 2,000/s and 500/s with the CPU slowed 4×, one measurement each', () => {
  assert.deepEqual(
    RENDER_SCENARIOS.map((s) => [s.suffix, s.updatesPerSecond, s.cpuThrottle]),
    [['', 500, 1], ['_2000', 2000, 1], ['_cpu4x', 500, 4]],
  );
});

test('each scenario reports its ratio against the same round’s baseline, the spread over rounds and the worst long-task count', () => {
  const rounds: RenderRound[] = [
    { baseline: sample(60), loaded: sample(57, 0, 1900) },
    { baseline: sample(50), loaded: sample(50, 2, 2000, 120) },
  ];
  const figures = renderFigures(RENDER_SCENARIOS[1]!, rounds);
  assert.equal(figures.render_fps_ratio_2000, (0.95 + 1) / 2);
  assert.equal(figures.render_fps_ratio_2000_min, 0.95);
  assert.equal(figures.render_fps_ratio_2000_max, 1);
  assert.equal(figures.long_tasks_over_50ms_2000, 2);
  assert.equal(figures.max_frame_gap_ms_2000, 120);
  assert.equal(figures.book_frames_received_per_s_2000, 1950);
  assert.equal(figures.feed_messages_received_per_s_2000, 195);
  assert.equal(figures.book_updates_per_s_2000, 2000);
  assert.equal(figures.render_baseline_fps_2000, 55);
});

test('the 500/s scenario keeps the figure names earlier runs printed', () => {
  const figures = renderFigures(RENDER_SCENARIOS[0]!, [{ baseline: sample(60), loaded: sample(60) }]);
  assert.equal(figures.render_fps_ratio, 1);
  assert.equal(figures.long_tasks_over_50ms, 0);
  assert.equal(figures.render_fps, 60);
});

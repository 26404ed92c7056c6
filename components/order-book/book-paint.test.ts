import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { columnOf, paintBookSide, visibleBand, type BookPaintLayout, type BookPainter } from './book-paint';
import type { BookRow } from './book-rows';

/** Records what a paint draws, with the state each call was made in. */
function recorder() {
  const calls: { op: string; args: unknown[]; fillStyle: unknown; alpha: number; align: string }[] = [];
  const ctx: BookPainter = {
    globalAlpha: 1,
    fillStyle: '',
    font: '',
    textAlign: 'start',
    textBaseline: 'alphabetic',
    clearRect: (...args) => void calls.push({ op: 'clear', args, fillStyle: ctx.fillStyle, alpha: ctx.globalAlpha, align: ctx.textAlign }),
    fillRect: (...args) => void calls.push({ op: 'rect', args, fillStyle: ctx.fillStyle, alpha: ctx.globalAlpha, align: ctx.textAlign }),
    fillText: (...args) => void calls.push({ op: 'text', args, fillStyle: ctx.fillStyle, alpha: ctx.globalAlpha, align: ctx.textAlign }),
  };
  return { ctx, calls };
}

const layout: BookPaintLayout = {
  width: 300,
  height: 40,
  font: 'normal 400 12px sans-serif',
  columns: [
    { x: 8, width: 84, align: 'left', colour: 'red' },
    { x: 192, width: 84, align: 'right', colour: 'white' },
    { x: 292, width: 84, align: 'right', colour: 'grey' },
  ],
  barColour: 'red',
  barAlpha: 0.16,
};
const rows: BookRow[] = [
  { price: '65000.1', qty: '0.5', total: '0.5', share: 0.25 },
  { price: '65000.2', qty: '1234.25', total: '1234.75', share: 1 },
];

describe('paintBookSide', () => {
  it('paints each row its bar from the right edge, then its formatted numbers in their columns', () => {
    const { ctx, calls } = recorder();
    paintBookSide(ctx, layout, rows, { price: 1, qty: 2 });
    assert.deepEqual(calls[0]!.args, [0, 0, 300, 40]);
    const bars = calls.filter((c) => c.op === 'rect');
    assert.deepEqual(bars.map((b) => b.args), [[225, 0, 75, 20], [0, 20, 300, 20]]);
    assert.ok(bars.every((b) => b.alpha === 0.16 && b.fillStyle === 'red'));
    const texts = calls.filter((c) => c.op === 'text');
    assert.deepEqual(texts.map((t) => t.args), [
      ['65,000.1', 8, 10, 84], ['65,000.2', 8, 30, 84],
      ['0.50', 192, 10, 84], ['1,234.25', 192, 30, 84],
      ['0.50', 292, 10, 84], ['1,234.75', 292, 30, 84],
    ]);
    assert.deepEqual(texts.map((t) => `${t.fillStyle}/${t.align}/${t.alpha}`), [
      'red/left/1', 'red/left/1', 'white/right/1', 'white/right/1', 'grey/right/1', 'grey/right/1',
    ]);
    assert.equal(ctx.font, layout.font);
    assert.equal(ctx.textBaseline, 'middle');
  });

  it('only clears when there is nothing to show', () => {
    const { ctx, calls } = recorder();
    paintBookSide(ctx, layout, [], { price: 1, qty: 2 });
    assert.deepEqual(calls.map((c) => c.op), ['clear']);
  });
});

describe('paintBookSide in a scroll box', () => {
  it('paints only the rows in view (a row partly in view counts)', () => {
    const { ctx, calls } = recorder();
    const tall = { ...layout, height: 100 };
    const five = Array.from({ length: 5 }, (_, i): BookRow => ({ price: String(100 + i), qty: '1', total: String(i + 1), share: 0.5 }));
    paintBookSide(ctx, tall, five, { price: 0, qty: 0 }, { top: 30, bottom: 61 });
    const prices = calls.filter((c) => c.op === 'text' && c.align === 'left').map((c) => c.args[0]);
    assert.deepEqual(prices, ['101', '102', '103']);
    assert.deepEqual(calls.filter((c) => c.op === 'rect').map((c) => c.args[1]), [20, 40, 60]);
    assert.deepEqual(calls[0]!.args, [0, 0, 300, 100], 'the whole canvas is cleared');
  });
});

describe('visibleBand', () => {
  it('reads a top-down box from its scrollTop', () => {
    assert.deepEqual(visibleBand(0, 300, 500, false), { top: 0, bottom: 300 });
    assert.deepEqual(visibleBand(150, 300, 500, false), { top: 150, bottom: 450 });
  });
  it('reads a column-reverse box from its end, scrolled up by a negative scrollTop', () => {
    assert.deepEqual(visibleBand(0, 300, 500, true), { top: 200, bottom: 500 });
    assert.deepEqual(visibleBand(-200, 300, 500, true), { top: 0, bottom: 300 });
  });
  it('shows all of content shorter than the box', () => {
    assert.deepEqual(visibleBand(0, 300, 200, true), { top: 0, bottom: 200 });
    assert.deepEqual(visibleBand(0, 300, 200, false), { top: 0, bottom: 200 });
  });
});

describe('columnOf', () => {
  it('starts left-aligned text after the padding and ends right-aligned text before it', () => {
    const cell = { offsetLeft: 100, offsetWidth: 100, paddingLeft: 8, paddingRight: 8, colour: 'c' };
    assert.deepEqual(columnOf({ ...cell, textAlign: 'left' }), { x: 108, width: 84, align: 'left', colour: 'c' });
    assert.deepEqual(columnOf({ ...cell, textAlign: 'right' }), { x: 192, width: 84, align: 'right', colour: 'c' });
    assert.equal(columnOf({ ...cell, textAlign: 'end' }).align, 'right');
    assert.equal(columnOf({ ...cell, textAlign: 'start' }).align, 'left');
  });
});

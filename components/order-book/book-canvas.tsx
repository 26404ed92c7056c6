'use client';

import { useEffect, useRef, type RefObject } from 'react';
import { readChartColors, watchTheme } from '@/components/chart/chart-theme';
import { watchSize } from '@/components/chart/watch-size';
import { columnOf, paintBookSide, visibleBand, type BookPaintLayout } from './book-paint';
import type { BookSideView } from './book-rows';

interface Props extends BookSideView {
  /** the table body under the canvas: its first row's cells give the columns, font and colours */
  body: RefObject<HTMLTableSectionElement | null>;
  /** the side's scroll box (column-reversed for the asks): only the rows in its view are painted */
  scroller: RefObject<HTMLElement | null>;
}

/** How strongly a bar tints its row: the same 16% the rest of the desk uses for up/down washes. */
const BAR_ALPHA = 0.16;

/**
 * One side's depth bars and numbers, painted over its table (book-paint.ts says why). The canvas lets pointer
 * events through to the rows, so hover, click and Shift+click work on the table as before. It paints at most
 * once an animation frame, from the latest rows, and only the rows its scroll box shows; the columns, font and
 * colours are read from the table once per size or theme change, and the scroll position on scroll, never in a paint.
 */
export function BookSideCanvas({ side, rows, pricePrecision, qtyPrecision, body, scroller }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef({ rows, pricePrecision, qtyPrecision });
  const requestPaint = useRef<() => void>(() => undefined);

  useEffect(() => {
    latest.current = { rows, pricePrecision, qtyPrecision };
    requestPaint.current();
  }, [rows, pricePrecision, qtyPrecision]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let size = { width: 0, height: 0 };
    const view = { scrollTop: 0, height: 0 };
    let layout: BookPaintLayout | undefined;
    let frame: number | undefined;

    const paint = () => {
      frame = undefined;
      const ratio = window.devicePixelRatio || 1;
      const w = Math.round(size.width * ratio);
      const h = Math.round(size.height * ratio);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      const { rows: shown, pricePrecision: pp, qtyPrecision: qp } = latest.current;
      layout ??= measure(body.current, side, size);
      if (!layout) {
        ctx.setTransform(1, 0, 0, 1, 0, 0);
        ctx.clearRect(0, 0, w, h);
        return;
      }
      // the painter clears the canvas itself
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const band = view.height > 0 ? visibleBand(view.scrollTop, view.height, size.height, side === 'ask') : undefined;
      paintBookSide(ctx, layout, shown, { price: pp, qty: qp }, band);
    };
    const schedule = () => {
      if (frame === undefined) frame = requestAnimationFrame(paint);
    };
    requestPaint.current = schedule;
    const remeasure = () => {
      layout = undefined;
      schedule();
    };
    const stopSize = watchSize(canvas, (width, height) => {
      size = { width, height };
      remeasure();
    });
    const stopTheme = watchTheme(remeasure);
    const box = scroller.current;
    const onScroll = () => {
      if (!box) return;
      view.scrollTop = box.scrollTop;
      schedule();
    };
    const stopView = box
      ? watchSize(box, (_, height) => {
          view.height = height;
          onScroll();
        })
      : () => undefined;
    box?.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      requestPaint.current = () => undefined;
      if (frame !== undefined) cancelAnimationFrame(frame);
      stopSize();
      stopTheme();
      stopView();
      box?.removeEventListener('scroll', onScroll);
    };
  }, [side, body, scroller]);

  return <canvas ref={canvasRef} aria-hidden="true" className="pointer-events-none absolute inset-0 block h-full w-full forced-colors:hidden" />;
}

/** The table's columns, font and colours, from its first row (none yet: nothing to paint either). */
function measure(tbody: HTMLTableSectionElement | null, side: 'ask' | 'bid', size: { width: number; height: number }): BookPaintLayout | undefined {
  const cells = tbody?.rows[0]?.cells;
  if (!cells || cells.length < 3 || size.width === 0) return undefined;
  const columns = Array.from(cells, (cell) => {
    const style = getComputedStyle(cell);
    return columnOf({
      offsetLeft: cell.offsetLeft,
      offsetWidth: cell.offsetWidth,
      paddingLeft: parseFloat(style.paddingLeft) || 0,
      paddingRight: parseFloat(style.paddingRight) || 0,
      textAlign: style.textAlign,
      colour: style.color,
    });
  });
  const first = getComputedStyle(cells[0]!);
  const colours = readChartColors();
  return {
    ...size,
    font: `${first.fontStyle} ${first.fontWeight} ${first.fontSize} ${first.fontFamily}`,
    columns,
    barColour: side === 'ask' ? colours.down : colours.up,
    barAlpha: BAR_ALPHA,
  };
}

'use client';

import { useEffect, useRef } from 'react';
import { readChartColors, watchTheme } from '@/components/chart/chart-theme';
import { watchSize } from '@/components/chart/watch-size';

interface Props {
  /** one 0..1 bar width per displayed row, top to bottom */
  shares: readonly number[];
  side: 'ask' | 'bid';
}

/** How strongly a bar tints its row: the same 16% the rest of the desk uses for up/down washes. */
const BAR_ALPHA = 0.16;

/**
 * The cumulative depth bars behind one side of the book, painted on one canvas. Drawing them as per-row
 * inline styles made the browser re-parse and restyle every row on each publish (~1,600 style
 * invalidations in 5 s at 500 book updates/s); a canvas repaint of a few dozen rectangles costs no style
 * or layout work at all. Rows share the canvas height equally, so no row is ever measured.
 */
export function DepthBars({ shares, side }: Props) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const latest = useRef(shares);
  const requestDraw = useRef<() => void>(() => undefined);

  useEffect(() => {
    latest.current = shares;
    requestDraw.current();
  }, [shares]);

  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let colour = barColour(side);
    let width = 0;
    let height = 0;
    let frame: number | undefined;

    const paint = () => {
      frame = undefined;
      const ratio = window.devicePixelRatio || 1;
      const w = Math.round(width * ratio);
      const h = Math.round(height * ratio);
      if (canvas.width !== w || canvas.height !== h) {
        canvas.width = w;
        canvas.height = h;
      }
      ctx.setTransform(1, 0, 0, 1, 0, 0);
      ctx.clearRect(0, 0, w, h);
      const rows = latest.current;
      if (rows.length === 0 || w === 0) return;
      ctx.globalAlpha = BAR_ALPHA;
      ctx.fillStyle = colour;
      const rowHeight = h / rows.length;
      rows.forEach((share, i) => {
        const barWidth = Math.round(Math.max(0, Math.min(1, share)) * w);
        const top = Math.round(i * rowHeight);
        if (barWidth > 0) ctx.fillRect(w - barWidth, top, barWidth, Math.round((i + 1) * rowHeight) - top);
      });
    };
    const schedule = () => {
      if (frame === undefined) frame = requestAnimationFrame(paint);
    };
    requestDraw.current = schedule;

    const stopSize = watchSize(canvas, (w, h) => {
      width = w;
      height = h;
      schedule();
    });
    const stopTheme = watchTheme(() => {
      colour = barColour(side);
      schedule();
    });
    return () => {
      requestDraw.current = () => undefined;
      if (frame !== undefined) cancelAnimationFrame(frame);
      stopSize();
      stopTheme();
    };
  }, [side]);

  return <canvas ref={canvasRef} aria-hidden="true" className="pointer-events-none absolute inset-0 block h-full w-full" />;
}

function barColour(side: 'ask' | 'bid'): string {
  const colours = readChartColors();
  return side === 'ask' ? colours.down : colours.up;
}

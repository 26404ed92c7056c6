'use client';

import { useEffect, useRef, type RefObject } from 'react';
import type { DepthLevel } from '@/lib/feed/depth-curve';
import { depthAt, depthCurve, type DepthCurve } from '@/lib/feed/depth-curve';
import { formatDecimal } from '@/lib/format';
import { setText } from '@/components/ui/set-text';
import { drawDepth, drawnRange } from './depth-canvas';
import { readChartColors, watchTheme } from './chart-theme';
import { watchSize } from './watch-size';

export interface DepthChartProps {
  /** descending from the best bid, decimal text (BookView.bids) */
  bids: readonly DepthLevel[];
  /** ascending from the best ask (BookView.asks) */
  asks: readonly DepthLevel[];
  pricePrecision: number;
  qtyPrecision: number;
  className?: string;
}

/** Redraws at most this often however fast the book changes. */
const MIN_FRAME_MS = 100;

/**
 * Cumulative bid/ask depth around the mid, painted on a canvas. Props may change at the book's pace; painting
 * is throttled to ~10 frames a second and the hover readout is written directly, so React renders stay cheap.
 */
export function DepthChart({ bids, asks, pricePrecision, qtyPrecision, className = '' }: DepthChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const readoutRef = useRef<HTMLSpanElement>(null);
  const latest = useRef({ bids, asks, pricePrecision, qtyPrecision });
  const requestDraw = useRef<() => void>(() => undefined);

  useEffect(() => {
    latest.current = { bids, asks, pricePrecision, qtyPrecision };
    requestDraw.current();
  }, [bids, asks, pricePrecision, qtyPrecision]);

  useDepthPainter(canvasRef, readoutRef, latest, requestDraw);

  const empty = bids.length === 0 && asks.length === 0;
  const oneSided = !empty && (bids.length === 0 || asks.length === 0);
  return (
    <section aria-label="Depth chart" className={`flex min-w-0 flex-col gap-1 rounded-lg border border-border bg-panel p-2 ${className}`}>
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 text-xs">
        <h2 className="font-medium text-muted">Depth</h2>
        {/* a fixed-size contained box: the readout changes with every repaint, and text in this flex header would
            otherwise lay out the whole trade page each time (Chromium trace at 4× CPU) */}
        <p className="tabular text-muted">
          <span ref={readoutRef} className="block h-4 w-[34ch] max-w-full overflow-hidden whitespace-nowrap text-right [contain:strict]" aria-live="off" />
        </p>
      </div>
      <div className="relative min-w-0">
        <canvas
          ref={canvasRef}
          role="img"
          aria-label={depthLabel(bids, asks, pricePrecision)}
          className="block h-[180px] w-full touch-none"
        />
        {(empty || oneSided) && (
          <p className="pointer-events-none absolute inset-x-0 top-2 text-center text-xs text-muted">
            {empty ? 'Waiting for the order book…' : bids.length === 0 ? 'No bids in the book' : 'No asks in the book'}
          </p>
        )}
      </div>
    </section>
  );
}

interface Painted {
  bids: readonly DepthLevel[];
  asks: readonly DepthLevel[];
  pricePrecision: number;
  qtyPrecision: number;
}

/**
 * Paints `latest` on the canvas at most every MIN_FRAME_MS, again on hover, resize and theme change; sets
 * `requestDraw` to the throttled repaint while mounted.
 */
function useDepthPainter(
  canvasRef: RefObject<HTMLCanvasElement | null>,
  readoutRef: RefObject<HTMLSpanElement | null>,
  latest: RefObject<Painted>,
  requestDraw: RefObject<() => void>,
): void {
  useEffect(() => {
    const canvas = canvasRef.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return;
    let colors = readChartColors();
    let hoverX: number | undefined;
    let curve: DepthCurve | undefined;
    let lastDraw = -Infinity;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let frame: number | undefined;
    // Read once and then from ResizeObserver: measuring in every paint would force a layout 10×/s.
    let { width, height } = canvas.getBoundingClientRect();

    const paint = () => {
      frame = undefined;
      lastDraw = performance.now();
      const ratio = window.devicePixelRatio || 1;
      if (canvas.width !== Math.round(width * ratio) || canvas.height !== Math.round(height * ratio)) {
        canvas.width = Math.round(width * ratio);
        canvas.height = Math.round(height * ratio);
      }
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      const { bids: b, asks: a, pricePrecision: pp, qtyPrecision: qp } = latest.current;
      curve = depthCurve(b, a);
      drawDepth(ctx, curve, { width, height, colors, pricePrecision: pp, hoverX });
      writeReadout(readoutRef.current, curve, hoverX, width, pp, qp);
    };
    const schedule = () => {
      if (timer !== undefined || frame !== undefined) return;
      timer = setTimeout(() => {
        timer = undefined;
        frame = requestAnimationFrame(paint);
      }, Math.max(0, MIN_FRAME_MS - (performance.now() - lastDraw)));
    };
    requestDraw.current = schedule;
    schedule();

    const onMove = (e: PointerEvent) => {
      hoverX = e.clientX - canvas.getBoundingClientRect().left;
      schedule();
    };
    const onLeave = () => {
      hoverX = undefined;
      schedule();
    };
    canvas.addEventListener('pointermove', onMove);
    canvas.addEventListener('pointerleave', onLeave);
    const stopSize = watchSize(canvas, (w, h) => {
      width = w;
      height = h;
      schedule();
    });
    const stopTheme = watchTheme(() => {
      colors = readChartColors();
      schedule();
    });
    return () => {
      requestDraw.current = () => undefined;
      if (timer !== undefined) clearTimeout(timer);
      if (frame !== undefined) cancelAnimationFrame(frame);
      canvas.removeEventListener('pointermove', onMove);
      canvas.removeEventListener('pointerleave', onLeave);
      stopSize();
      stopTheme();
    };
  }, []);
}

function depthLabel(bids: readonly DepthLevel[], asks: readonly DepthLevel[], precision: number): string {
  if (bids.length === 0 && asks.length === 0) return 'Depth chart: the book is empty';
  const best = (l: DepthLevel | undefined) => (l ? formatDecimal(l.price, precision) : 'none');
  return `Depth chart: ${bids.length} bid levels from ${best(bids[0])}, ${asks.length} ask levels from ${best(asks[0])}`;
}

function writeReadout(el: HTMLElement | null, curve: DepthCurve, hoverX: number | undefined, width: number, pp: number, qp: number): void {
  if (!el) return;
  let text = curve.mid === undefined ? '' : `Mid ${formatDecimal(curve.mid, pp + 1)}`;
  if (hoverX !== undefined && width > 0) {
    const { low, high } = drawnRange(curve);
    const price = low + (hoverX / width) * (high - low);
    const at = depthAt(curve, price);
    text = at
      ? `${at.side === 'bid' ? 'Sell' : 'Buy'} ${formatDecimal(at.point.cumulative, qp)} to ${formatDecimal(at.point.price, pp)}`
      : `${price.toFixed(pp)}: no depth`;
  }
  setText(el, text);
}

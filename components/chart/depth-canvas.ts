/** Paints a DepthCurve on a 2D canvas: stepped cumulative areas, bids left of the mid, asks right. */
import { withAlpha } from '@/lib/candles/chart-bars';
import { formatDecimal } from '@/lib/format';
import type { DepthCurve, DepthPoint } from '@/lib/feed/depth-curve';
import type { ChartColors } from './chart-theme';

export interface DepthFrame {
  width: number;
  height: number;
  colors: ChartColors;
  pricePrecision: number;
  /** css px from the left, when the pointer is over the chart */
  hoverX?: number;
}

/** Room for the price labels under the plot. */
export const AXIS_HEIGHT = 18;

/** The price range actually drawn (a flat range is widened so a single price still has room). */
export function drawnRange(curve: DepthCurve): { low: number; high: number } {
  if (curve.high > curve.low) return { low: curve.low, high: curve.high };
  const pad = Math.max(Math.abs(curve.low) * 0.001, 1e-8);
  return { low: curve.low - pad, high: curve.high + pad };
}

export function drawDepth(ctx: CanvasRenderingContext2D, curve: DepthCurve, frame: DepthFrame): void {
  const { width, height, colors } = frame;
  const plotHeight = height - AXIS_HEIGHT;
  ctx.clearRect(0, 0, width, height);
  const { low, high } = drawnRange(curve);
  const xOf = (price: number) => ((price - low) / (high - low)) * width;
  const top = curve.maxCumulative > 0 ? curve.maxCumulative / 0.9 : 1;
  const yOf = (size: number) => plotHeight - (size / top) * plotHeight;
  const mid = curve.mid === undefined ? undefined : Number(curve.mid);

  drawSide(ctx, curve.bids, xOf(mid ?? curve.bids[0]?.x ?? high), 0, colors.up, xOf, yOf, plotHeight);
  drawSide(ctx, curve.asks, xOf(mid ?? curve.asks[0]?.x ?? low), width, colors.down, xOf, yOf, plotHeight);

  ctx.font = '11px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';
  ctx.fillStyle = colors.muted;
  ctx.textBaseline = 'bottom';
  const label = (value: number) => formatDecimal(value.toFixed(frame.pricePrecision), frame.pricePrecision);
  ctx.textAlign = 'left';
  ctx.fillText(label(low), 2, height - 2);
  ctx.textAlign = 'right';
  ctx.fillText(label(high), width - 2, height - 2);
  if (mid !== undefined) {
    const x = xOf(mid);
    ctx.strokeStyle = colors.muted;
    ctx.setLineDash([3, 3]);
    line(ctx, x, 0, x, plotHeight);
    ctx.setLineDash([]);
    ctx.textAlign = 'center';
    ctx.fillStyle = colors.text;
    ctx.fillText(formatDecimal(curve.mid, frame.pricePrecision + 1), Math.min(Math.max(x, 40), width - 40), height - 2);
  }
  if (frame.hoverX !== undefined) {
    ctx.strokeStyle = colors.accent;
    line(ctx, frame.hoverX, 0, frame.hoverX, plotHeight);
  }
}

function drawSide(
  ctx: CanvasRenderingContext2D, points: readonly DepthPoint[], startX: number, edgeX: number, color: string,
  xOf: (price: number) => number, yOf: (size: number) => number, baseY: number,
): void {
  if (points.length === 0) return;
  ctx.beginPath();
  ctx.moveTo(startX, baseY);
  let y = baseY;
  for (const p of points) {
    const x = xOf(p.x);
    ctx.lineTo(x, y);
    y = yOf(p.y);
    ctx.lineTo(x, y);
  }
  ctx.lineTo(edgeX, y);
  ctx.strokeStyle = color;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.lineTo(edgeX, baseY);
  ctx.closePath();
  ctx.fillStyle = withAlpha(color, 0.18);
  ctx.fill();
}

function line(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number): void {
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.lineWidth = 1;
  ctx.stroke();
}

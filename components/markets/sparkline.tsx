'use client';

import { memo } from 'react';
import { useCandles } from '@/lib/hooks/use-candles';

const POINTS = 24;
const WIDTH = 96;
const HEIGHT = 28;

/** The last 24 hourly closes as a small line; drawn from the live feed's 1h candles. */
export const Sparkline = memo(function Sparkline({ symbol, trend }: { symbol: string; trend: -1 | 0 | 1 }) {
  const candles = useCandles(symbol, 60);
  const closes = (candles.data?.candles ?? []).slice(-POINTS).map((c) => Number(c.close));
  if (closes.length < 2) return <span className="inline-block h-7 w-24" aria-hidden="true" />;
  // Pixels only: the closes have already been decided, floats are fine for placing points.
  const min = Math.min(...closes);
  const max = Math.max(...closes);
  const span = max - min || 1;
  const points = closes
    .map((c, i) => `${((i / (closes.length - 1)) * WIDTH).toFixed(1)},${(HEIGHT - 2 - ((c - min) / span) * (HEIGHT - 4)).toFixed(1)}`)
    .join(' ');
  return (
    <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true" className="inline-block">
      <polyline
        points={points}
        fill="none"
        strokeWidth="1.5"
        stroke={trend > 0 ? 'var(--up)' : trend < 0 ? 'var(--down)' : 'var(--muted)'}
        strokeLinejoin="round"
      />
    </svg>
  );
});

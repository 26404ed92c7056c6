'use client';

import { memo } from 'react';
import { formatDecimal } from '@/lib/format';

interface Props {
  side: 'ask' | 'bid';
  price: string;
  qty: string;
  total: string;
  /** 0..1, width of the cumulative depth bar */
  share: number;
  pricePrecision: number;
  qtyPrecision: number;
}

const BAR = { ask: 'color-mix(in srgb, var(--down) 16%, transparent)', bid: 'color-mix(in srgb, var(--up) 16%, transparent)' };

/** One price level; memoised so a publish re-renders only the rows whose numbers changed. */
export const BookRow = memo(function BookRow({ side, price, qty, total, share, pricePrecision, qtyPrecision }: Props) {
  const pct = Math.max(0, Math.min(100, share * 100)).toFixed(1);
  return (
    <tr
      data-side={side}
      className="h-5"
      style={{ backgroundImage: `linear-gradient(to left, ${BAR[side]} ${pct}%, transparent ${pct}%)` }}
    >
      <td className={`px-2 text-left ${side === 'ask' ? 'text-down' : 'text-up'}`}>{formatDecimal(price, pricePrecision)}</td>
      <td className="px-2 text-right">{formatDecimal(qty, qtyPrecision)}</td>
      <td className="px-2 text-right text-muted">{formatDecimal(total, qtyPrecision)}</td>
    </tr>
  );
});

'use client';

import { memo } from 'react';
import { formatDecimal } from '@/lib/format';

interface Props {
  side: 'ask' | 'bid';
  price: string;
  qty: string;
  total: string;
  pricePrecision: number;
  qtyPrecision: number;
}

/**
 * One price level; memoised so a publish re-renders only the rows whose numbers changed. Rows are keyed by
 * position, so a moving book rewrites text in place instead of inserting and removing rows; the depth bar
 * is painted behind the table by DepthBars, so nothing here touches style.
 */
export const BookTableRow = memo(function BookTableRow({ side, price, qty, total, pricePrecision, qtyPrecision }: Props) {
  return (
    <tr data-side={side} data-price={price} data-size={total} className="h-5 cursor-pointer hover:bg-panel-2/60">
      <td className={`px-2 text-left ${side === 'ask' ? 'text-down' : 'text-up'}`}>{formatDecimal(price, pricePrecision)}</td>
      <td className="px-2 text-right">{formatDecimal(qty, qtyPrecision)}</td>
      <td className="px-2 text-right text-muted">{formatDecimal(total, qtyPrecision)}</td>
    </tr>
  );
});

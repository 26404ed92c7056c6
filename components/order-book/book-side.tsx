'use client';

import { useMemo } from 'react';
import { BookTableRow } from './book-row';
import type { BookRow } from './book-rows';
import { DepthBars } from './depth-bars';

interface Props {
  side: 'ask' | 'bid';
  /** best level first */
  rows: readonly BookRow[];
  pricePrecision: number;
  qtyPrecision: number;
  /** a click on a level (delegated from the table) */
  onRowClick?: (event: React.MouseEvent<HTMLElement>) => void;
}

/**
 * One side of the book in its own scroll box, with its depth bars painted behind the rows. Asks are shown
 * best last, so the two best prices meet at the spread; the ask box is column-reversed so it opens
 * scrolled to that end. Rows are keyed by distance from the best price, never by price.
 */
export function BookSideTable({ side, rows, pricePrecision, qtyPrecision, onRowClick }: Props) {
  const shown = useMemo(() => (side === 'ask' ? rows.slice().reverse() : rows), [side, rows]);
  const shares = useMemo(() => shown.map((r) => r.share), [shown]);
  const ask = side === 'ask';
  return (
    <div
      className={`max-h-72 overflow-y-auto lg:max-h-[22rem] ${ask ? 'flex flex-col-reverse' : ''}`}
      tabIndex={0}
      aria-label={ask ? 'Asks' : 'Bids'}
    >
      <div className="relative">
        <DepthBars side={side} shares={shares} />
        <table className="relative w-full table-fixed">
          <caption className="sr-only">{ask ? 'Asks, best last' : 'Bids, best first'}</caption>
          <tbody onClick={onRowClick} title="Click: use this price in the ticket · Shift+click: price and the total size to here">
            {shown.map((r, i) => (
              <BookTableRow
                key={ask ? shown.length - i : i}
                side={side}
                price={r.price}
                qty={r.qty}
                total={r.total}
                pricePrecision={pricePrecision}
                qtyPrecision={qtyPrecision}
              />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

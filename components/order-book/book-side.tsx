'use client';

import { useLayoutEffect, useMemo, useRef } from 'react';
import { writeBookRows } from './book-cells';
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
 * scrolled to that end. Rows are keyed by distance from the best price, never by price; their numbers are
 * written into them directly (book-cells.ts), not rendered.
 *
 * The scroll box has a definite height (the rows', capped) and `contain: strict`, so rewriting its numbers
 * lays out this box alone instead of the whole page (the trace showed full-document layouts of ~1,800
 * objects ten times a second).
 */
export function BookSideTable({ side, rows, pricePrecision, qtyPrecision, onRowClick }: Props) {
  const shown = useMemo(() => (side === 'ask' ? rows.slice().reverse() : rows), [side, rows]);
  const shares = useMemo(() => shown.map((r) => r.share), [shown]);
  const ask = side === 'ask';
  const body = useRef<HTMLTableSectionElement>(null);
  useLayoutEffect(() => {
    if (body.current) writeBookRows(body.current.rows, shown, pricePrecision, qtyPrecision);
  }, [shown, pricePrecision, qtyPrecision]);
  return (
    <div
      className={`h-[min(calc(var(--book-rows)*1.25rem),18rem)] overflow-y-auto [contain:strict] lg:h-[min(calc(var(--book-rows)*1.25rem),22rem)] ${ask ? 'flex flex-col-reverse' : ''}`}
      style={{ '--book-rows': shown.length } as React.CSSProperties}
      tabIndex={0}
      aria-label={ask ? 'Asks' : 'Bids'}
    >
      <div className="relative">
        <DepthBars side={side} shares={shares} />
        <table className="relative w-full table-fixed">
          <caption className="sr-only">{ask ? 'Asks, best last' : 'Bids, best first'}</caption>
          <tbody ref={body} onClick={onRowClick} title="Click: use this price in the ticket · Shift+click: price and the total size to here">
            {shown.map((_, i) => (
              <BookTableRow key={ask ? shown.length - i : i} side={side} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

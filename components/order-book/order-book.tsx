'use client';

import { useEffect, useMemo, useRef } from 'react';
import type { BookPicture } from '@/lib/feed/book-store';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { formatDecimal } from '@/lib/format';
import { useOrderBook } from '@/lib/hooks/use-order-book';
import { prefillFromRowClick } from '@/components/order-ticket/ticket-prefill';
import { BookControls } from './book-controls';
import { chooseBookDepth } from './book-depth';
import { bookRows, type BookRow } from './book-rows';
import { BookSideTable } from './book-side';
import { ChecksumBadge } from './checksum-badge';

interface Props {
  symbol: string;
  base: string;
  quote: string;
  pricePrecision: number;
  qtyPrecision: number;
  tickSize: string;
  /** the member's choice: rows a side (and the shallowest book subscribed) */
  depth: BookDepth;
  onDepth(depth: BookDepth): void;
  /** the depth subscribed now (deeper than `depth` when grouping needs more levels) */
  subscribed: BookDepth;
  onSubscribed(depth: BookDepth): void;
  /** grouping as a multiple of the tick */
  multiplier: number;
  onMultiplier(multiplier: number): void;
}

/** Rows drawn per side: enough to read any depth, few enough to re-render ten times a second. */
export const MAX_ROWS_PER_SIDE = 100;
const NO_ROWS: readonly BookRow[] = [];

/** The live order book: asks above the spread, bids below, grouped and with cumulative depth bars. */
export function OrderBookPanel({ symbol, base, quote, pricePrecision, qtyPrecision, tickSize, depth, onDepth, subscribed, onSubscribed, multiplier, onMultiplier }: Props) {
  const book = useOrderBook(symbol, subscribed);
  // while a deeper book loads, the rows of the shallower one stay on screen instead of a blank book
  const lastRef = useRef<BookPicture | undefined>(undefined);
  if (book.data) lastRef.current = book.data;
  const view = book.data ?? (lastRef.current?.symbol === symbol ? lastRef.current : undefined);
  const rows = useMemo(
    () =>
      view &&
      bookRows({
        asks: view.asks, bids: view.bids, tickSize, multiplier,
        pricePrecision: view.pricePrecision, qtyPrecision: view.qtyPrecision,
        rowsPerSide: Math.min(depth, MAX_ROWS_PER_SIDE),
      }),
    [view, tickSize, multiplier, depth],
  );
  const sides = view && view.depth === subscribed ? rows?.sides : undefined;
  const choice = chooseBookDepth({ wanted: depth, maxRows: MAX_ROWS_PER_SIDE, multiplier, current: subscribed, sides });
  useEffect(() => {
    if (choice.depth !== subscribed) onSubscribed(choice.depth);
  }, [choice.depth, subscribed, onSubscribed]);
  const onRowClick = useMemo(() => prefillFromRowClick(symbol), [symbol]);
  const pp = view?.pricePrecision ?? pricePrecision;
  const qp = view?.qtyPrecision ?? qtyPrecision;

  return (
    <section aria-label="Order book" data-subscribed-depth={subscribed} className="flex min-w-0 flex-col rounded-lg border border-border bg-panel [contain:layout_paint]">
      <header className="flex flex-wrap items-center justify-between gap-2 border-b border-border px-3 py-2">
        <h2 className="text-sm font-semibold">Order book</h2>
        <ChecksumBadge status={book.status} checksum={view?.checksum} resyncs={view?.resyncs} />
        <BookControls
          depth={depth}
          onDepth={onDepth}
          multiplier={multiplier}
          onMultiplier={onMultiplier}
          tickSize={tickSize}
          pricePrecision={pp}
        />
        {subscribed !== depth ? <p className="w-full text-xs text-muted">{`Grouped from ${subscribed} levels a side`}</p> : null}
        {choice.shortOf !== undefined ? (
          <p role="status" className="w-full text-xs text-muted">{`Showing ${choice.shortOf} of ${Math.min(depth, MAX_ROWS_PER_SIDE)} rows at this grouping`}</p>
        ) : null}
      </header>
      <div className={`tabular text-xs ${book.status === 'live' ? '' : 'opacity-60'}`} aria-busy={book.status !== 'live'}>
        <table className="w-full table-fixed">
          <thead className="text-muted">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium">Price ({quote})</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Size ({base})</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Total</th>
            </tr>
          </thead>
        </table>
        <BookSideTable side="ask" rows={rows?.asks ?? NO_ROWS} pricePrecision={pp} qtyPrecision={qp} onRowClick={onRowClick} />
        {/* a fixed height and contain: strict keep the spread's new text from laying out anything else */}
        <div className="flex h-[calc(1.5rem+2px)] items-center justify-between border-y border-border bg-panel-2 px-2 [contain:strict]" data-testid="book-spread">
          <span className="text-muted">Spread</span>
          <span>{view?.spread !== undefined ? formatDecimal(view.spread, pp) : book.status === 'loading' ? 'Loading…' : '—'}</span>
        </div>
        <BookSideTable side="bid" rows={rows?.bids ?? NO_ROWS} pricePrecision={pp} qtyPrecision={qp} onRowClick={onRowClick} />
      </div>
    </section>
  );
}

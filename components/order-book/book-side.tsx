'use client';

import { useEffect, useLayoutEffect, useMemo, useRef } from 'react';
import { writeBookData, writeBookText } from './book-cells';
import { BookSideCanvas } from './book-canvas';
import { BookTableRow } from './book-row';
import type { BookSideView } from './book-rows';
import { pagePublishGate } from '@/lib/feed/publish-gate';
import { pacedWriter } from './paced-writer';

interface Props extends BookSideView {
  /** a click on a level (delegated from the table) */
  onRowClick?: (event: React.MouseEvent<HTMLElement>) => void;
}

/**
 * How often the table's own text follows the book. People read the numbers off the canvas painted over it on
 * every publish; the text is there for screen readers (a book read aloud ten times a second helps nobody) and
 * for forced-colours mode, where the canvas is hidden and the text is written on every publish instead.
 */
export const TABLE_TEXT_PERIOD_MS = 1000;

/**
 * One side of the book in its own scroll box: a table of levels with a canvas over it that paints the depth bars
 * and the numbers (book-canvas.tsx). Asks are shown best last, so the two best prices meet at the spread; the ask
 * box is column-reversed so it opens scrolled to that end. Rows are keyed by distance from the best price, never
 * by price. Each publish writes the rows' raw values (what a click takes) at once and their text about once a
 * `TABLE_TEXT_PERIOD_MS`, the two sides half a period apart (book-cells.ts).
 *
 * The scroll box has a definite height (the rows', capped) and `contain: strict`, so a text rewrite lays out this
 * box alone instead of the whole page.
 */
export function BookSideTable({ side, rows, pricePrecision, qtyPrecision, onRowClick }: Props) {
  const shown = useMemo(() => (side === 'ask' ? rows.slice().reverse() : rows), [side, rows]);
  const ask = side === 'ask';
  const body = useRef<HTMLTableSectionElement>(null);
  const scroller = useRef<HTMLDivElement>(null);
  const textWriter = useMemo(() => pacedWriter(TABLE_TEXT_PERIOD_MS, ask ? 0 : TABLE_TEXT_PERIOD_MS / 2), [ask]);
  // a text rewrite relayouts the table: it takes a frame of its own at the page's publish gate, like a store's publish
  const leaveGate = useRef<() => void>(() => undefined);
  useEffect(
    () => () => {
      textWriter.cancel();
      leaveGate.current();
    },
    [textWriter],
  );
  useLayoutEffect(() => {
    const tbody = body.current;
    if (!tbody) return;
    writeBookData(tbody.rows, shown);
    const writeText = () => writeBookText(tbody.rows, shown, pricePrecision, qtyPrecision);
    if (forcedColours.matches) writeText();
    else textWriter.request(() => {
      const gate = pagePublishGate();
      if (gate) leaveGate.current = gate.enter(writeText);
      else writeText();
    });
  }, [shown, pricePrecision, qtyPrecision, textWriter]);
  return (
    <div
      ref={scroller}
      className={`h-[min(calc(var(--book-rows)*1.25rem),18rem)] overflow-y-auto [contain:strict] lg:h-[min(calc(var(--book-rows)*1.25rem),22rem)] ${ask ? 'flex flex-col-reverse' : ''}`}
      style={{ '--book-rows': shown.length } as React.CSSProperties}
      tabIndex={0}
      aria-label={ask ? 'Asks' : 'Bids'}
    >
      <div className="relative">
        <table className="relative w-full table-fixed">
          <caption className="sr-only">{ask ? 'Asks, best last' : 'Bids, best first'}</caption>
          {/* the canvas shows the numbers; the text stays for assistive technology (forced colours show it) */}
          <tbody
            ref={body}
            onClick={onRowClick}
            className="[-webkit-text-fill-color:transparent] forced-colors:[-webkit-text-fill-color:CanvasText]"
            title="Click: use this price in the ticket · Shift+click: price and the total size to here"
          >
            {shown.map((_, i) => (
              <BookTableRow key={ask ? shown.length - i : i} side={side} />
            ))}
          </tbody>
        </table>
        <BookSideCanvas side={side} rows={shown} pricePrecision={pricePrecision} qtyPrecision={qtyPrecision} body={body} scroller={scroller} />
      </div>
    </div>
  );
}

/** One query for the page's life (its `matches` follows the setting); absent outside a browser. */
const forcedColours: { readonly matches: boolean } =
  typeof matchMedia === 'function' ? matchMedia('(forced-colors: active)') : { matches: false };

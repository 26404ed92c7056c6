'use client';

import { useEffect } from 'react';
import { orderLines, type FillLike, type OrderLike } from '@/lib/candles/own-marks';
import { useOpenOrders } from '@/lib/hooks/use-open-orders';
import { usePairFills } from '@/lib/hooks/use-pair-fills';

/**
 * Feeds the chart the member's open orders and fills on its pair, and says in words what the lines on
 * the canvas say (for screen readers). Loaded after the page is up with the account reads it needs.
 */
interface Props {
  symbol: string;
  onOwn: (orders: readonly OrderLike[], fills: readonly FillLike[]) => void;
  /** the list's id: the chart's canvas is described by it */
  listId: string;
  /** the member may amend: lines say they can be dragged, and where else to amend */
  canAmend: boolean;
}

export function ChartOwnFeed({ symbol, onOwn, listId, canAmend }: Props) {
  const orders = useOpenOrders();
  const fills = usePairFills(symbol);
  const mine = (orders.data ?? []).filter((o) => o.symbol === symbol);
  // redraw only when an order changed (the list object is new on every poll)
  const key = JSON.stringify(mine.map((o) => [o.txid, o.price, o.volume, o.volumeExecuted, o.member?.username]));
  const fillList = fills.data;
  useEffect(() => {
    onOwn(mine, fillList ?? []);
  }, [key, fillList]);
  return (
    <ul id={listId} aria-label="Your orders on the chart" className="sr-only">
      {orderLines(mine).map((l) => (
        <li key={l.id} data-order-id={l.id}>
          {`${l.title} at ${l.price}`}
          {canAmend && l.draggable ? '. Drag its line to change the price, or use Amend under "Your orders on this pair".' : ''}
        </li>
      ))}
    </ul>
  );
}

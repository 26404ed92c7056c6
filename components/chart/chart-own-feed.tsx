'use client';

import { useEffect } from 'react';
import { orderLines, type FillLike, type OrderLike } from '@/lib/candles/own-marks';
import { useOpenOrders } from '@/lib/hooks/use-open-orders';
import { usePairFills } from '@/lib/hooks/use-pair-fills';

/**
 * Feeds the chart the member's open orders and fills on its pair, and says in words what the lines on
 * the canvas say (for screen readers). Loaded after the page is up with the account reads it needs.
 */
export function ChartOwnFeed({ symbol, onOwn }: { symbol: string; onOwn: (orders: readonly OrderLike[], fills: readonly FillLike[]) => void }) {
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
    <ul aria-label="Your orders on the chart" className="sr-only">
      {orderLines(mine).map((l) => (
        <li key={l.id}>{`${l.title} at ${l.price}`}</li>
      ))}
    </ul>
  );
}

'use client';

import { DepthChart } from '@/components/chart/depth-chart';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { useOrderBook } from '@/lib/hooks/use-order-book';

const NONE: readonly { price: string; qty: string }[] = [];

/** Feeds the charts' DepthChart from the page's book subscription (the chart itself takes only props). */
export function LiveDepthChart({ symbol, depth, pricePrecision, qtyPrecision }: {
  symbol: string;
  depth: BookDepth;
  pricePrecision: number;
  qtyPrecision: number;
}) {
  const book = useOrderBook(symbol, depth);
  return (
    <DepthChart
      bids={book.data?.bids ?? NONE}
      asks={book.data?.asks ?? NONE}
      pricePrecision={book.data?.pricePrecision ?? pricePrecision}
      qtyPrecision={book.data?.qtyPrecision ?? qtyPrecision}
    />
  );
}

'use client';

import { useMemo } from 'react';
import { DepthChart } from '@/components/chart/depth-chart';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { useOrderBook } from '@/lib/hooks/use-order-book';
import { levelsInRows } from './depth-slice';

const NONE: readonly { price: string; qty: string }[] = [];

interface Props {
  symbol: string;
  /** the book subscribed (deeper than `rows` when grouped) */
  depth: BookDepth;
  /** rows a side the order book shows, and its grouping: the chart pictures those rows only */
  rows: number;
  tickSize: string;
  multiplier: number;
  pricePrecision: number;
  qtyPrecision: number;
}

/** Feeds the charts' DepthChart from the page's book subscription (the chart itself takes only props). */
export function LiveDepthChart({ symbol, depth, rows, tickSize, multiplier, pricePrecision, qtyPrecision }: Props) {
  const book = useOrderBook(symbol, depth);
  const data = book.data;
  const shown = useMemo(() => {
    if (!data) return { bids: NONE, asks: NONE };
    const slice = { rows, tickSize, multiplier, pricePrecision: data.pricePrecision };
    return { bids: levelsInRows(data.bids, 'bid', slice), asks: levelsInRows(data.asks, 'ask', slice) };
  }, [data, rows, tickSize, multiplier]);
  return (
    <DepthChart
      bids={shown.bids}
      asks={shown.asks}
      pricePrecision={data?.pricePrecision ?? pricePrecision}
      qtyPrecision={data?.qtyPrecision ?? qtyPrecision}
    />
  );
}

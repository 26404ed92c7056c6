'use client';

import { memo, useMemo } from 'react';
import { formatDecimal } from '@/lib/format';
import { useTrades } from '@/lib/hooks/use-trades';
import { prefillFromRowClick } from '@/components/order-ticket/ticket-prefill';
import { STATUS_WORDS } from '@/components/trade/status-words';
import type { MarketTrade } from '@/lib/kraken/market-updates';

interface Props {
  symbol: string;
  base: string;
  quote: string;
  pricePrecision: number;
  qtyPrecision: number;
}

/** Recent public trades, newest on top: local time, price coloured by taker side, size. A click puts a trade's price in the ticket. */
export function TradesTape({ symbol, base, quote, pricePrecision, qtyPrecision }: Props) {
  const trades = useTrades(symbol);
  // the member's own time zone: the browser's default locale and zone
  const onClick = useMemo(() => prefillFromRowClick(symbol), [symbol]);
  const clock = useMemo(() => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }), []);
  return (
    <section aria-label="Recent trades" className="min-w-0 rounded-lg border border-border bg-panel [contain:layout_paint]">
      <header className="flex items-center justify-between border-b border-border px-3 py-2">
        <h2 className="text-sm font-semibold">Recent trades</h2>
        {trades.status !== 'live' && <span className="text-xs text-muted">{STATUS_WORDS[trades.status]}</span>}
      </header>
      {/*
        A definite height and contain: strict make the list a layout boundary (it is a block child, not a flex
        item, which could not be one): a new trade lays out this list alone, not the page's grid.
      */}
      <div className="h-96 overflow-y-auto [contain:strict] lg:h-[36rem]" tabIndex={0} aria-label="Trades list">
        <table className={`tabular w-full table-fixed text-xs ${trades.status === 'live' ? '' : 'opacity-60'}`}>
          <thead className="sticky top-0 bg-panel text-muted">
            <tr>
              <th scope="col" className="px-2 py-1 text-left font-medium">Price ({quote})</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Size ({base})</th>
              <th scope="col" className="px-2 py-1 text-right font-medium">Time</th>
            </tr>
          </thead>
          <tbody onClick={onClick} title="Click: use this price in the ticket · Shift+click: price and size">
            {trades.data?.map((t) => (
              <TradeRow key={t.id} trade={t} time={clock.format(t.time)} pricePrecision={pricePrecision} qtyPrecision={qtyPrecision} />
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

const TradeRow = memo(function TradeRow(props: { trade: MarketTrade; time: string; pricePrecision: number; qtyPrecision: number }) {
  const { trade, time, pricePrecision, qtyPrecision } = props;
  return (
    <tr data-side={trade.side} data-price={trade.price} data-size={trade.qty} className="h-5 cursor-pointer hover:bg-panel-2">
      <td className={`px-2 ${trade.side === 'buy' ? 'text-up' : 'text-down'}`}>
        {formatDecimal(trade.price, pricePrecision)}
        <span className="sr-only"> {trade.side}</span>
      </td>
      <td className="px-2 text-right">{formatDecimal(trade.qty, qtyPrecision)}</td>
      <td className="px-2 text-right text-muted">
        <time dateTime={new Date(trade.time).toISOString()}>{time}</time>
      </td>
    </tr>
  );
});

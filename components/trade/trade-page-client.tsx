'use client';

import dynamic from 'next/dynamic';
import { useRef, useState, type CSSProperties } from 'react';
import type { Role } from '@/lib/auth/roles';
import type { TicketPair } from '@/components/order-ticket';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { useFavourites, type SaveFavourite } from '@/lib/hooks/use-favourites';
import { useMemberSettings } from '@/lib/hooks/use-member-settings';
import type { MemberUiSettings } from '@/lib/settings/member-ui';
import type { PairChoice } from '@/lib/markets/pair-search';
import { MAX_ROWS_PER_SIDE, OrderBookPanel } from '@/components/order-book/order-book';
import { TradesTape } from '@/components/trades/trades-tape';
import { ConnectionIndicator } from './connection-indicator';
import { PhoneTicket } from './phone-ticket';
import { ChartHeightSplitter, SideWidthSplitter } from './trade-splitters';
import { TickerHeader } from './ticker-header';
import type { TickerFields, TradePair } from '@/lib/desk-api/trade-page';
import { Watchlist } from './watchlist';

// Below the first screen: fetched after the page is up, so the book, tape and ticket go live first.
const OwnOrdersPanel = dynamic(() => import('./own-orders-panel').then((m) => m.OwnOrdersPanel), { ssr: false });
// The ticket (its validation and decimal math) hydrates right after the page; the placeholder keeps its place.
const OrderTicket = dynamic(() => import('@/components/order-ticket/order-ticket').then((m) => m.OrderTicket), {
  ssr: false,
  loading: () => <div aria-busy="true" className="min-h-[28rem] rounded-lg border border-border bg-panel" />,
});
// The chart draws nothing until its library (lazy, about a fifth of the page's JavaScript) has arrived, so
// its toolbar, legend and history client come with it: the first load carries the book, tape and ticket.
const CHART_HEIGHT = 'h-[clamp(18rem,55dvh,34rem)] lg:h-[max(18rem,calc((100dvh-10rem)*var(--chart-pct)/100))]';
const PriceChart = dynamic(() => import('@/components/chart/price-chart').then((m) => m.PriceChart), {
  ssr: false,
  loading: () => <section aria-label="Price chart" aria-busy="true" className={`rounded-lg border border-border bg-panel ${CHART_HEIGHT}`} />,
});
const LiveDepthChart = dynamic(() => import('./live-depth-chart').then((m) => m.LiveDepthChart), { ssr: false });

interface Props {
  pair: TradePair;
  initialTicker: TickerFields | undefined;
  role: Role;
  ticketPair: TicketPair;
  pairs: readonly PairChoice[];
  favourites: string[];
  saveFavourite: SaveFavourite;
  /** the member's saved screen settings, from the server render */
  settings: MemberUiSettings;
}

/**
 * The trade page's client shell: owns only layout and the book depth choice (shared by the header's
 * spread and the book, so both read one subscription). Every widget reads its own hook, so a busy book
 * re-renders the book, not the page.
 */
export function TradePageClient({ pair, initialTicker, role, ticketPair, pairs, favourites: initialFavourites, saveFavourite, settings: initialSettings }: Props) {
  const [settings, updateSettings] = useMemberSettings(initialSettings);
  const depth: BookDepth = settings.book.depth;
  const setDepth = (d: BookDepth) => updateSettings({ book: { depth: d } });
  // the book, the header's spread and the depth chart share one subscription, deeper than `depth` when grouped
  const [subscribed, setSubscribed] = useState<BookDepth>(depth);
  const favourites = useFavourites(initialFavourites, saveFavourite);
  const gridRef = useRef<HTMLDivElement>(null);
  const { sideWidth, chartPct } = settings.layout;
  // the splitters move these two variables; widths and heights below are computed from them in CSS
  const sizes = { '--side-w': `${sideWidth}px`, '--chart-pct': chartPct } as CSSProperties;
  const preview = (name: string, value: string) => gridRef.current?.style.setProperty(name, value);
  return (
    <div
      ref={gridRef}
      style={sizes}
      className="grid min-w-0 grid-cols-1 gap-3 max-sm:pb-16 lg:grid-cols-[minmax(0,1fr)_calc(var(--side-w)*0.58)] xl:grid-cols-[minmax(0,1fr)_calc(var(--side-w)*0.53)_calc(var(--side-w)*0.47)]"
    >
      <div className="flex min-w-0 flex-wrap items-start justify-between gap-3 rounded-lg border border-border bg-panel p-3 lg:col-span-2 xl:col-span-3">
        <TickerHeader pair={pair} initial={initialTicker} depth={subscribed} pairs={pairs} favourites={favourites} />
        <ConnectionIndicator />
      </div>
      <div className="relative flex min-w-0 flex-col gap-3 lg:row-span-2 xl:row-span-1">
        <SideWidthSplitter value={sideWidth} onPreview={(v) => preview('--side-w', `${v}px`)} onCommit={(v) => updateSettings({ layout: { sideWidth: v } })} />
        <div className="grid min-w-0 grid-cols-1 gap-3 2xl:grid-cols-[minmax(0,1fr)_13rem]">
          <PriceChart
            heightClass={CHART_HEIGHT}
            symbol={pair.symbol}
            pricePrecision={pair.pricePrecision}
            qtyPrecision={pair.qtyPrecision}
            settings={settings.chart}
            onSettings={(chart) => updateSettings({ chart })}
            showOwn
            canAmend={role !== 'viewer'}
            tickSize={pair.tickSize}
          />
          <Watchlist current={pair.symbol} favourites={favourites} pairs={pairs} />
        </div>
        <ChartHeightSplitter value={chartPct} onPreview={(v) => preview('--chart-pct', String(v))} onCommit={(v) => updateSettings({ layout: { chartPct: v } })} />
        <OwnOrdersPanel symbol={pair.symbol} canTrade={role !== 'viewer'} tab={settings.layout.panel} onTab={(panel) => updateSettings({ layout: { panel } })} />
        <LiveDepthChart
          symbol={pair.symbol}
          depth={subscribed}
          rows={Math.min(depth, MAX_ROWS_PER_SIDE)}
          tickSize={pair.tickSize}
          multiplier={settings.book.grouping}
          pricePrecision={pair.pricePrecision}
          qtyPrecision={pair.qtyPrecision}
        />
      </div>
      <OrderBookPanel
        symbol={pair.symbol}
        base={pair.base}
        quote={pair.quote}
        pricePrecision={pair.pricePrecision}
        qtyPrecision={pair.qtyPrecision}
        tickSize={pair.tickSize}
        depth={depth}
        onDepth={setDepth}
        subscribed={subscribed}
        onSubscribed={setSubscribed}
        multiplier={settings.book.grouping}
        onMultiplier={(m) => updateSettings({ book: { grouping: m as MemberUiSettings['book']['grouping'] } })}
      />
      {/* The ticket sits above the tape so a trader reaches it without scrolling past the market. */}
      <div className="flex min-w-0 flex-col gap-3">
        {role === 'viewer' ? (
          <OrderTicket pair={ticketPair} role={role} pricePrecision={pair.pricePrecision} />
        ) : (
          <PhoneTicket symbol={pair.symbol} base={pair.base} canTrade>
            <OrderTicket pair={ticketPair} role={role} pricePrecision={pair.pricePrecision} takerFeePct={pair.takerFeePct} />
          </PhoneTicket>
        )}
        <TradesTape
          symbol={pair.symbol}
          base={pair.base}
          quote={pair.quote}
          pricePrecision={pair.pricePrecision}
          qtyPrecision={pair.qtyPrecision}
        />
      </div>
    </div>
  );
}

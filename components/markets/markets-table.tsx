'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { ConnectionIndicator } from '@/components/trade/connection-indicator';
import { formatCompact, formatDecimal, formatPct, signOf } from '@/lib/format';
import { useFavourites, type SaveFavourite } from '@/lib/hooks/use-favourites';
import { useMemberSettings } from '@/lib/hooks/use-member-settings';
import { useTickers } from '@/lib/hooks/use-tickers';
import type { MemberUiSettings } from '@/lib/settings/member-ui';
import { withLiveTickers } from '@/lib/markets/live-rows';
import { filterMarkets, sortMarkets, type MarketRow, type MarketSortKey } from '@/lib/markets/market-row';
import { Sparkline } from './sparkline';

const COLUMNS: { key: MarketSortKey; label: string; numeric: boolean; className?: string }[] = [
  { key: 'symbol', label: 'Market', numeric: false },
  { key: 'last', label: 'Last price', numeric: true },
  { key: 'changePct', label: '24h change', numeric: true },
  { key: 'high', label: '24h high', numeric: true, className: 'hidden md:table-cell' },
  { key: 'low', label: '24h low', numeric: true, className: 'hidden md:table-cell' },
  { key: 'quoteVolume', label: '24h volume', numeric: true, className: 'hidden sm:table-cell' },
];

/**
 * The markets list, live: first paint from the server, then tickers from the feed (re-rendered at most
 * ~10×/s). Search, sort by any column, favourites first; a row opens its trade page.
 */
export function MarketsTable({ rows, favourites: initialFavourites, saveFavourite, settings: initialSettings }: {
  rows: MarketRow[];
  favourites: string[];
  saveFavourite: SaveFavourite;
  /** the member's saved settings (the sort lives there) */
  settings: MemberUiSettings;
}) {
  const [query, setQuery] = useState('');
  const [onlyFavourites, setOnlyFavourites] = useState(false);
  const [settings, updateSettings] = useMemberSettings(initialSettings);
  const sort = { key: settings.markets.sort, direction: settings.markets.direction };
  const symbols = useMemo(() => rows.map((r) => r.symbol), [rows]);
  const tickers = useTickers(symbols);
  const favourites = useFavourites(initialFavourites, saveFavourite);
  const visible = useMemo(() => {
    const live = withLiveTickers(rows, tickers);
    const filtered = filterMarkets(live, query).filter((r) => !onlyFavourites || favourites.has(r.symbol));
    const sorted = sortMarkets(filtered, sort.key, sort.direction);
    // Favourites lead whatever the sort; sortMarkets is stable within each group.
    return [...sorted.filter((r) => favourites.has(r.symbol)), ...sorted.filter((r) => !favourites.has(r.symbol))];
  }, [rows, tickers, query, sort.key, sort.direction, favourites, onlyFavourites]);

  const toggle = (key: MarketSortKey) => {
    const direction = sort.key === key ? (sort.direction === 'asc' ? 'desc' : 'asc') : key === 'symbol' ? 'asc' : 'desc';
    updateSettings({ markets: { sort: key, direction } });
  };

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex min-w-0 flex-1 basis-56 items-center gap-2 rounded-md border border-border bg-panel px-3 py-2 text-sm sm:max-w-sm">
          <span className="text-muted">Search</span>
          <input
            type="search"
            value={query}
            onChange={(e) => setQuery(e.target.value)}
            placeholder="BTC, ETH/USD…"
            className="w-full min-w-0 bg-transparent outline-none placeholder:text-muted"
          />
        </label>
        <button
          type="button"
          aria-pressed={onlyFavourites}
          onClick={() => setOnlyFavourites((v) => !v)}
          className="rounded-md border border-border bg-panel px-3 py-2 text-sm aria-pressed:border-accent aria-pressed:text-accent"
        >
          ★ Favourites only
        </button>
        <div className="ml-auto">
          <ConnectionIndicator />
        </div>
      </div>
      {favourites.error && (
        <p role="alert" className="text-sm text-down">
          {favourites.error}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-sm tabular">
          <caption className="sr-only">Markets, {visible.length} shown</caption>
          <thead className="border-b border-border text-xs text-muted">
            <tr>
              <th scope="col" className="w-8 px-2 py-2">
                <span className="sr-only">Favourite</span>
              </th>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`px-3 py-2 font-medium ${c.numeric ? 'text-right' : 'text-left'} ${c.className ?? ''}`}
                  aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" onClick={() => toggle(c.key)} className="inline-flex items-center gap-1 hover:text-text">
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
                  </button>
                </th>
              ))}
              <th scope="col" className="hidden px-3 py-2 text-right font-medium lg:table-cell">
                24h
              </th>
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const trend = signOf(r.changePct);
              return (
                <tr
                  key={r.symbol}
                  className={`border-b border-border/60 last:border-0 hover:bg-panel-2 ${r.live === 'stale' ? 'opacity-60' : ''}`}
                  title={r.live === 'stale' ? 'Not live: showing the last known figures' : undefined}
                >
                  <td className="px-2 py-2 text-center">
                    <button
                      type="button"
                      aria-pressed={favourites.has(r.symbol)}
                      aria-label={`Favourite ${r.symbol}`}
                      onClick={() => favourites.toggle(r.symbol)}
                      className="text-muted hover:text-accent aria-pressed:text-accent"
                    >
                      {favourites.has(r.symbol) ? '★' : '☆'}
                    </button>
                  </td>
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={`/trade/${r.slug}`} className="hover:text-accent">
                      {r.base}
                      <span className="text-muted">/{r.quote}</span>
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right">{formatDecimal(r.last, r.pricePrecision)}</td>
                  <td className={`px-3 py-2 text-right ${trend > 0 ? 'text-up' : trend < 0 ? 'text-down' : 'text-muted'}`}>
                    {formatPct(r.changePct)}
                  </td>
                  <td className="hidden px-3 py-2 text-right md:table-cell">{formatDecimal(r.high, r.pricePrecision)}</td>
                  <td className="hidden px-3 py-2 text-right md:table-cell">{formatDecimal(r.low, r.pricePrecision)}</td>
                  <td className="hidden px-3 py-2 text-right sm:table-cell">${formatCompact(r.quoteVolume, 0)}</td>
                  <td className="hidden px-3 py-1 text-right lg:table-cell">
                    <Sparkline symbol={r.symbol} trend={trend} />
                  </td>
                </tr>
              );
            })}
            {visible.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length + 2} className="px-3 py-6 text-center text-muted">
                  No market matches “{query}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

'use client';

import { useMemo, useState } from 'react';
import { useFavourites, type SaveFavourite } from '@/lib/hooks/use-favourites';
import { useMemberSettings } from '@/lib/hooks/use-member-settings';
import { useTickers } from '@/lib/hooks/use-tickers';
import type { MemberUiSettings } from '@/lib/settings/member-ui';
import { withLiveTickers } from '@/lib/markets/live-rows';
import { filterMarkets, sortMarkets, type MarketRow, type MarketSortKey } from '@/lib/markets/market-row';
import { MarketTableRow } from './market-row';
import { MARKET_COLUMNS, MarketsHead } from './markets-head';
import { MarketsToolbar } from './markets-toolbar';

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
      <MarketsToolbar
        query={query}
        onQuery={setQuery}
        onlyFavourites={onlyFavourites}
        onOnlyFavourites={() => setOnlyFavourites((v) => !v)}
      />
      {favourites.error && (
        <p role="alert" className="text-sm text-down">
          {favourites.error}
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-sm tabular">
          <caption className="sr-only">Markets, {visible.length} shown</caption>
          <MarketsHead sort={sort} onSort={toggle} />
          <tbody>
            {visible.map((r) => (
              <MarketTableRow key={r.symbol} row={r} favourite={favourites.has(r.symbol)} onToggleFavourite={() => favourites.toggle(r.symbol)} />
            ))}
            {visible.length === 0 && (
              <tr>
                <td colSpan={MARKET_COLUMNS.length + 2} className="px-3 py-6 text-center text-muted">
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

'use client';

import Link from 'next/link';
import { useMemo } from 'react';
import { formatDecimal, formatPct, signOf } from '@/lib/format';
import type { Favourites } from '@/lib/hooks/use-favourites';
import { useHydrated } from '@/lib/hooks/use-hydrated';
import { useTickers } from '@/lib/hooks/use-tickers';
import { pairSlug, type PairChoice } from '@/lib/markets/pair-search';

/**
 * The member's favourite markets, live and compact beside the chart: one click switches the page to
 * that pair. Reads one ticker per favourite (the tab's feed shares each with every other widget).
 */
export function Watchlist({ current, favourites, pairs }: { current: string; favourites: Favourites; pairs: readonly PairChoice[] }) {
  const byName = useMemo(() => new Map(pairs.map((p) => [p.symbol, p])), [pairs]);
  const listed = useMemo(() => favourites.list.filter((s) => byName.has(s)), [favourites.list, byName]);
  const tickers = useTickers(listed);
  return (
    <nav aria-label="Watchlist" className="min-w-0 rounded-lg border border-border bg-panel p-2 text-xs">
      <h2 className="mb-1 px-1 text-sm font-semibold">Watchlist</h2>
      {listed.length === 0 ? (
        <p className="px-1 text-muted">Star a pair (☆ next to its name) to watch it here.</p>
      ) : (
        <ul className="flex flex-col">
          {listed.map((symbol) => {
            const pair = byName.get(symbol)!;
            const t = tickers.get(symbol)?.data;
            const trend = signOf(t?.changePct);
            return (
              <li key={symbol}>
                <Link
                  href={`/trade/${pairSlug(symbol)}`}
                  aria-current={symbol === current ? 'page' : undefined}
                  className="tabular grid grid-cols-[1fr_auto_auto] items-baseline gap-2 rounded px-1 py-1 hover:bg-panel-2 aria-[current=page]:bg-panel-2"
                >
                  <span className="truncate font-medium">
                    {pair.base}
                    <span className="text-muted">/{pair.quote}</span>
                  </span>
                  <span>{formatDecimal(t?.last, pair.pricePrecision)}</span>
                  <span className={`w-14 text-right ${trend > 0 ? 'text-up' : trend < 0 ? 'text-down' : 'text-muted'}`}>{formatPct(t?.changePct)}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {favourites.error ? <p role="alert" className="px-1 text-down">{favourites.error}</p> : null}
    </nav>
  );
}

/** ☆/★ for the page's pair: adds it to or removes it from the member's favourites (and so the watchlist). */
export function FavouriteStar({ symbol, favourites }: { symbol: string; favourites: Favourites }) {
  const on = favourites.has(symbol);
  const hydrated = useHydrated();
  return (
    <button
      type="button"
      aria-pressed={on}
      aria-label={on ? `Remove ${symbol} from favourites` : `Add ${symbol} to favourites`}
      title={on ? 'Remove from favourites' : 'Add to favourites'}
      onClick={() => favourites.toggle(symbol)}
      disabled={!hydrated}
      className={`rounded px-1 text-lg leading-none hover:bg-panel-2 disabled:cursor-wait ${on ? 'text-amber-400' : 'text-muted'}`}
    >
      {on ? '★' : '☆'}
    </button>
  );
}

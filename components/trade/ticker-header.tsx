'use client';

import { formatCompact, formatDecimal, formatPct, signOf } from '@/lib/format';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { useOrderBook } from '@/lib/hooks/use-order-book';
import type { Favourites } from '@/lib/hooks/use-favourites';
import { useTicker } from '@/lib/hooks/use-ticker';
import type { PairChoice } from '@/lib/markets/pair-search';
import { PairSwitcher } from './pair-switcher';
import { useTabTitle } from './use-tab-title';
import { FavouriteStar } from './watchlist';
import type { TickerFields, TradePair } from '@/lib/desk-api/trade-page';

interface Props {
  pair: TradePair;
  /** the server's first ticker, shown until the feed delivers */
  initial: TickerFields | undefined;
  /** the book depth the page subscribes to (shares that book for the spread) */
  depth: BookDepth;
  /** every listed pair, for the switcher */
  pairs: readonly PairChoice[];
  favourites: Favourites;
}

/** Symbol, last price, 24h change, high, low, volume and the book's spread, in the pair's precision. */
export function TickerHeader({ pair, initial, depth, pairs, favourites }: Props) {
  const live = useTicker(pair.symbol);
  const t: TickerFields | undefined = live.data ?? initial;
  const trend = signOf(t?.change);
  const trendClass = trend > 0 ? 'text-up' : trend < 0 ? 'text-down' : 'text-muted';
  const pp = pair.pricePrecision;
  const change = t ? `${trend > 0 ? '+' : ''}${formatDecimal(t.change, pp)}` : '—';
  useTabTitle(pair.symbol, t?.last !== undefined ? formatDecimal(t.last, pp) : undefined);

  return (
    <div className="flex min-w-0 flex-wrap items-end gap-x-6 gap-y-2">
      <div className="min-w-0">
        <div className="flex items-center gap-1">
          <PairSwitcher symbol={pair.symbol} pairs={pairs} />
          <FavouriteStar symbol={pair.symbol} favourites={favourites} />
        </div>
        <p className={`tabular h-8 w-[12ch] max-w-full overflow-hidden whitespace-nowrap text-2xl font-semibold [contain:strict] ${trendClass}`} data-testid="last-price" aria-label="Last price">
          {formatDecimal(t?.last, pp)}
        </p>
      </div>
      <dl className="tabular grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:flex sm:flex-wrap">
        <Stat label="24h change" width="w-[19ch]">
          <span className={trendClass}>
            {change} ({formatPct(t?.changePct)})
          </span>
        </Stat>
        <Stat label="24h high" width="w-[12ch]">{formatDecimal(t?.high, pp)}</Stat>
        <Stat label="24h low" width="w-[12ch]">{formatDecimal(t?.low, pp)}</Stat>
        <Stat label={`24h volume (${pair.base})`} width="w-[9ch]">{formatCompact(t?.volume, 2)}</Stat>
        <SpreadStat symbol={pair.symbol} depth={depth} pricePrecision={pp} />
      </dl>
    </div>
  );
}

/**
 * A value box of fixed size with `contain: strict`: a new value lays out this box alone. Without it every
 * ticker update laid out the whole trade page's grid (the header's boxes are flex and grid items, which cannot
 * bound a layout themselves). `width` fits the widest value the stat shows; narrower screens cap it.
 */
const LIVE_VALUE = 'h-5 max-w-full overflow-hidden text-ellipsis whitespace-nowrap [contain:strict]';

/**
 * The book's spread on its own: it changes with every book publish (ten times a second), so only this
 * re-renders then, not the header; its value box has a fixed size and `contain: strict`, so the new text
 * lays out that box alone instead of the page.
 */
function SpreadStat({ symbol, depth, pricePrecision }: { symbol: string; depth: BookDepth; pricePrecision: number }) {
  const book = useOrderBook(symbol, depth);
  // the spread is the book's: dimmed with it when the book is not live
  return (
    <div className={`min-w-0 ${book.status !== 'live' ? 'opacity-60' : ''}`}>
      <dt className="text-xs text-muted">Spread</dt>
      <dd className={`${LIVE_VALUE} w-[12ch]`}>
        {book.data?.spread !== undefined ? formatDecimal(book.data.spread, pricePrecision) : '—'}
      </dd>
    </div>
  );
}

function Stat({ label, width, children }: { label: string; width: string; children: React.ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-muted">{label}</dt>
      <dd className={`${LIVE_VALUE} ${width}`}>{children}</dd>
    </div>
  );
}

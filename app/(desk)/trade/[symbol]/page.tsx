import type { Metadata } from 'next';
import { notFound, redirect } from 'next/navigation';
import { setFavourite } from '@/app/(desk)/markets/actions';
import { TradePageClient } from '@/components/trade/trade-page-client';
import { urlToSymbol } from '@/lib/kraken/symbols';
import { getDb } from '@/lib/server/db';
import { requireMember } from '@/lib/server/require-member';
import { getTradePageData } from '@/lib/server/trade-data';

// Prices and the member are per request; never prerender at build time.
export const dynamic = 'force-dynamic';

interface Params {
  params: Promise<{ symbol: string }>;
}

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { symbol } = await params;
  return { title: urlToSymbol(symbol) ?? 'Trade' };
}

/**
 * /trade/BTC-USD: resolves the pair on the server, paints the first ticker, then the feed takes over.
 * Any other spelling of a listed pair (XBTUSD, BTC%2FUSD, xbt-usd) redirects to the canonical URL.
 */
export default async function TradePage({ params }: Params) {
  const member = await requireMember();
  const { symbol } = await params;
  const db = getDb();
  const [data, favourites, settings] = await Promise.all([getTradePageData(symbol), db.favourites.list(member.id), db.memberSettings.get(member.id)]);
  if (data.status === 'not-found') notFound();
  if (data.status === 'error') {
    return (
      <p role="alert" className="rounded-md border border-down/40 bg-panel p-4 text-sm text-down">
        {data.message}
      </p>
    );
  }
  const { pair, ticker, pairs } = data;
  if (symbol !== pair.slug) redirect(`/trade/${pair.slug}`);
  return (
    <TradePageClient
      pair={pair}
      initialTicker={ticker}
      role={member.role}
      ticketPair={{ symbol: pair.symbol, base: pair.base, quote: pair.quote, tickSize: pair.tickSize, lotDecimals: pair.qtyPrecision, ordermin: pair.ordermin, costmin: pair.costmin }}
      pairs={pairs}
      favourites={favourites}
      saveFavourite={setFavourite}
      settings={settings}
    />
  );
}

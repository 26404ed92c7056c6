import { createHistoryLoader, type HistoryLoader } from '@/lib/candles/history';
import { parseOhlcQuery } from '@/lib/candles/ohlc-query';
import { deskServices } from '@/lib/desk-services';
import { AppError } from '@/lib/errors';
import { handler } from '@/lib/http/handler';
import { isKrakenError } from '@/lib/kraken/errors';
import type { KrakenClient } from '@/lib/kraken/rest';

export const dynamic = 'force-dynamic';

/** One loader (and so one cache) per Kraken client, shared by every member's chart. */
let shared: { kraken: KrakenClient; history: HistoryLoader } | undefined;

function historyFor(kraken: KrakenClient): HistoryLoader {
  if (shared?.kraken !== kraken) shared = { kraken, history: createHistoryLoader(kraken.public) };
  return shared.history;
}

/**
 * `GET /api/ohlc?symbol=BTC/USD&interval=60[&before=<unix s>]` → `{ candles, from, complete, source, note? }`
 * (lib/candles/ohlc-query.ts). Candles are decimal text, oldest first; the newest is the open candle.
 */
export const GET = handler({ role: 'viewer' }, async ({ req }) => {
  const query = parseOhlcQuery(new URL(req.url).searchParams);
  const { kraken } = deskServices();
  const symbols = await kraken.public.symbolMap();
  if (!symbols) throw new AppError('exchange_unavailable', 'The exchange did not answer the market list. Try again shortly.');
  const pair = symbols.resolve(query.symbol);
  if (!pair) throw new AppError('unknown_pair', `There is no ${query.symbol} market on the exchange.`);
  try {
    const page = await historyFor(kraken).load({
      symbol: pair.symbol, pairDecimals: pair.pairDecimals, interval: query.interval, before: query.before,
    });
    return page;
  } catch (error) {
    if (!isKrakenError(error)) throw error;
    throw new AppError('exchange_unavailable', { status: 502, message: `The exchange did not answer the candle history (${error.code}). Try again shortly.` });
  }
});

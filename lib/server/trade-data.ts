import 'server-only';
import { subtractText, toFixedText } from '@/lib/decimal';
import { deskServices } from '@/lib/desk-services';
import { KrakenError } from '@/lib/kraken/errors';
import type { AssetPair, Ticker } from '@/lib/kraken/types';
import { log } from '../log';
import { resolvePairSegment, type PairChoice } from '@/lib/markets/pair-search';
import type { FirstTicker, TradePair } from '@/lib/desk-api/trade-page';

export type TradePageData =
  | { status: 'ready'; pair: TradePair; ticker: FirstTicker | undefined; pairs: PairChoice[] }
  | { status: 'not-found' }
  | { status: 'error'; message: string };

function toTradePair(pair: AssetPair): TradePair {
  return {
    symbol: pair.symbol,
    slug: pair.symbol.replace('/', '-'),
    base: pair.baseCode,
    quote: pair.quoteCode,
    pricePrecision: pair.pairDecimals,
    qtyPrecision: pair.lotDecimals,
    tickSize: pair.tickSize,
    ordermin: pair.ordermin,
    costmin: pair.costmin,
    takerFeePct: pair.feesTaker[0]?.percent,
  };
}

function toFirstTicker(t: Ticker, pricePrecision: number): FirstTicker {
  return {
    last: t.last,
    change: toFixedText(subtractText(t.last, t.open), pricePrecision),
    changePct: t.changePct24h,
    high: t.high24h,
    low: t.low24h,
    volume: t.volume24h,
    bid: t.bid,
    ask: t.ask,
  };
}

function toChoice(pair: AssetPair): PairChoice {
  return { symbol: pair.symbol, altname: pair.altname, wsname: pair.wsname, base: pair.baseCode, quote: pair.quoteCode, pricePrecision: pair.pairDecimals };
}

/**
 * Resolves a trade page segment (`BTC-USD`, `XBTUSD`, `BTC%2FUSD`, any case) to a listed pair through AssetPairs and reads its
 * ticker. An unknown or malformed slug is `not-found`; an exchange failure is a message, never a crash.
 */
export async function getTradePageData(slug: string): Promise<TradePageData> {
  const { kraken } = deskServices();
  try {
    const pairs = await kraken.public.assetPairs();
    const pair = resolvePairSegment(pairs.map((p) => ({ ...toChoice(p), pair: p })), slug)?.pair;
    if (!pair) return { status: 'not-found' };
    const tickers = await kraken.public.ticker([pair.pairId]).catch((error: unknown) => {
      // the page still works without a first ticker: the feed fills it in
      log.warn({ err: error }, 'trade page ticker failed');
      return [] as Ticker[];
    });
    const ticker = tickers.find((t) => t.symbol === pair.symbol);
    return { status: 'ready', pair: toTradePair(pair), ticker: ticker && toFirstTicker(ticker, pair.pairDecimals), pairs: pairs.map(toChoice) };
  } catch (error) {
    log.error({ err: error }, 'trade page pairs failed');
    const message =
      error instanceof KrakenError
        ? `The exchange did not answer the pair list (${error.code}).`
        : 'The pair could not be loaded.';
    return { status: 'error', message };
  }
}

/**
 * Reads a Kraken-compatible public API (Kraken itself in `npm run paper`) with the project's own client and
 * keeps a MirrorMarket in step with it: listing and rules from AssetPairs, 1 m candles and the tape from OHLC and
 * Trades at start, then 5 m candles for the rest of the ticker's day, longer candle intervals when first asked
 * for, then verified books (source-books.ts: the hub's Kraken adapter and book, checksums checked against the
 * source's) and trades from WS v2, on one socket. The market is live only while the socket is live and every
 * book is verified; otherwise paper orders neither fill nor are accepted.
 */
import { WebSocket } from 'ws';
import { createKrakenClient, type KrakenClient } from '../../../lib/kraken/rest';
import { KrakenWsClient } from '../../../lib/kraken/ws-client';
import { createKrakenUpstream } from '../../hub/kraken-upstream';
import { watchSourceBooks } from './source-books';
import type { BookDepth } from '../../../lib/kraken/ws-subscriptions';
import type { WebSocketConstructor } from '../../../lib/kraken/ws-types';
import { type Interval } from '../candles';
import { olderDay, toCandle, toHistory } from './history';
import { mirrorListing } from './listing';
import type { ListedPair } from '../markets';
import { MirrorMarket, type SourceTrade } from './mirror-market';
import { MirrorPairMarket } from './mirror-pair';
import { log } from '../../../lib/log';

/** the gap between the source history calls made after start */
const OLDER_HISTORY_PACE_MS = 1000;

export interface MirrorSourceOptions {
  /** the source's REST base, e.g. https://api.kraken.com */
  restUrl: string;
  /** the source's public WS v2, e.g. wss://ws.kraken.com/v2 */
  wsUrl: string;
  /** pairs to mirror (any name form); default every built-in pair the source lists */
  pairs?: readonly string[];
  /** source book depth per pair (default 100) */
  depth?: BookDepth;
  matchingDelayMs?: number;
  now?: () => number;
  /** client tuning for tests (silence before stale, backoff) */
  wsTuning?: { staleAfterMs?: number; deadAfterMs?: number; pingAfterMs?: number; backoff?: { initialMs?: number; maxMs?: number } };
}

export interface MirrorSource {
  market: MirrorMarket;
  /** what the source feed is doing, for /control/state and logs */
  state(): { url: string; connection: string; books: { symbol: string; synced: boolean }[] };
  close(): void;
}

export async function startMirrorSource(options: MirrorSourceOptions): Promise<MirrorSource> {
  const rest = createKrakenClient({ restUrl: options.restUrl, timeoutMs: 20_000 });
  const pairs = mirrorListing(await rest.public.assetPairs(), options.pairs);
  const histories = new Map();
  for (const pair of pairs) {
    // one pair at a time: Kraken's public endpoints allow about one call per second
    const ohlc = await rest.public.ohlc(pair.id, { interval: 1 });
    const trades = await rest.public.trades(pair.id, { count: 1000 });
    histories.set(pair.id, toHistory(pair, ohlc.candles, trades.trades));
  }
  const market = new MirrorMarket({ pairs, histories, sourceUrl: options.restUrl, matchingDelayMs: options.matchingDelayMs, now: options.now });
  const bySymbol = new Map(pairs.map((p) => [p.symbol, p]));

  for (const pair of pairs) {
    const m = market.pair(pair.id) as MirrorPairMarket;
    m.onFirstUse = (interval: Interval) => {
      rest.public.ohlc(pair.id, { interval }).then(
        (page) => market.replaceSeries(pair.id, interval, page.candles.map((c) => toCandle(c, pair))),
        (error: unknown) => log.warn({ err: error, symbol: pair.symbol, interval }, 'mirror: history not loaded'),
      );
    };
  }

  const ws = new KrakenWsClient({
    url: options.wsUrl,
    WebSocket: WebSocket as unknown as WebSocketConstructor,
    ...(options.wsTuning ?? {}),
  });
  const resyncing = new Set<string>();
  const books = watchSourceBooks(createKrakenUpstream({ url: options.wsUrl, shared: ws }), {
    symbols: pairs.map((p) => p.symbol),
    depth: options.depth ?? 100,
    precisionOf: (symbol) => {
      const pair = bySymbol.get(symbol);
      return pair ? { price: pair.pairDecimals, qty: pair.lotDecimals } : undefined;
    },
    onBook(symbol, asks, bids, fresh) {
      const pair = bySymbol.get(symbol);
      if (!pair) return;
      market.applyBook(pair.id, asks, bids, fresh);
      if (!fresh) return;
      resyncing.delete(symbol);
      market.setLive(allSynced());
    },
    onLost(symbol) {
      resyncing.add(symbol);
      market.setLive(false);
    },
  });
  const allSynced = () => ws.state === 'live' && books.status().every((b) => b.synced);
  forwardTrades(ws, market, bySymbol, resyncing);
  ws.on('state', (event) => {
    if (event.state === 'live') market.setLive(allSynced());
    else market.setLive(false);
  });
  ws.on('error', (error) => log.warn({ err: error }, 'mirror: source feed error'));

  ws.connect();
  const symbols = pairs.map((p) => p.symbol);
  await ws.subscribe({ channel: 'trade', symbol: symbols, snapshot: false });
  market.setLive(allSynced());

  let closed = false;
  void loadOlderDays(rest, market, pairs, () => closed);

  return {
    market,
    state: () => ({ url: options.wsUrl, connection: ws.state, books: books.status().map(({ symbol, synced }) => ({ symbol, synced })) }),
    close() {
      closed = true;
      books.dispose();
      ws.close();
    },
  };
}


/** The source's live trades, per pair, into the mirror's market (not while that pair's book resyncs). */
function forwardTrades(ws: KrakenWsClient, market: MirrorMarket, bySymbol: Map<string, ListedPair>, resyncing: Set<string>): void {
  ws.on('trade', (frame) => {
    if (frame.type === 'snapshot') return;
    const bySym = new Map<string, SourceTrade[]>();
    for (const t of frame.data) {
      const list = bySym.get(t.symbol) ?? [];
      list.push({ price: t.price, qty: t.qty, side: t.side, ordType: t.ord_type === 'limit' ? 'limit' : 'market', time: Date.parse(t.timestamp) || market.now(), id: t.trade_id });
      bySym.set(t.symbol, list);
    }
    for (const [symbol, list] of bySym) {
      const pair = bySymbol.get(symbol);
      if (pair && !resyncing.has(symbol)) market.applyTrades(pair.id, list);
    }
  });
}

/**
 * The rest of the ticker's day, after start and a call a second (Kraken's public pace); without it the 24 h
 * figures cover the 12 h of minutes until a day has been mirrored.
 */
async function loadOlderDays(rest: KrakenClient, market: MirrorMarket, pairs: readonly ListedPair[], closed: () => boolean): Promise<void> {
  for (const pair of pairs) {
    await new Promise((r) => setTimeout(r, OLDER_HISTORY_PACE_MS).unref());
    if (closed()) return;
    try {
      const m = market.pair(pair.id) as MirrorPairMarket;
      const first = m.series(1).candles[0];
      if (!first) continue;
      const page = await rest.public.ohlc(pair.id, { interval: 5 });
      if (!closed()) m.prependOlder(olderDay(pair, page.candles, first.time, Math.floor(market.now() / 1000)));
    } catch (error) {
      log.warn({ err: error, symbol: pair.symbol }, 'mirror: the older part of the 24 h history was not loaded');
    }
  }
}

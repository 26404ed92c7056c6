/**
 * The mirror's source books, kept the way the desk's hub keeps Kraken's, with the same parts: the hub's
 * Kraken adapter (server/hub/kraken-upstream.ts) turns WS v2 book frames into upstream messages, and the
 * hub's BookState (lib/kraken's OrderBook, Kraken's checksum verified after every message) holds each
 * symbol's book. A checksum mismatch, a crossed book or a malformed level resubscribes **that symbol
 * only** for a fresh snapshot (its updates are ignored until it verifies); losing the socket discards
 * every book until the reconnect's snapshots. Only what the mirror does with a verified book is here.
 */
import type { TextLevel } from '../../../lib/kraken/checksum';
import type { BookDepth } from '../../../lib/kraken/ws-subscriptions';
import { log } from '../../../lib/log';
import { BookState } from '../../hub/book-state';
import type { Upstream } from '../../hub/upstream';

export interface PairPrecision {
  /** digits after the point for prices */
  price: number;
  /** digits after the point for quantities */
  qty: number;
}

export interface SourceBookOptions {
  symbols: readonly string[];
  /** levels per side subscribed at the source */
  depth: BookDepth;
  /** the pair precisions from the source's listing; a pair without one has it read off its snapshot text */
  precisionOf?: (symbol: string) => PairPrecision | undefined;
  /** a verified book, best levels first; `fresh` after a (re)snapshot, false after an update */
  onBook(symbol: string, asks: TextLevel[], bids: TextLevel[], fresh: boolean): void;
  /** the symbol's book was discarded until its next snapshot verifies */
  onLost(symbol: string): void;
}

export interface SourceBooks {
  /** every watched symbol and whether its book is verified right now */
  status(): { symbol: string; synced: boolean }[];
  /** stops listening (the upstream's subscriptions are closed with the upstream) */
  dispose(): void;
}

/** Subscribes the symbols' books on `upstream` and keeps each verified, reporting books and losses. */
export function watchSourceBooks(upstream: Upstream, options: SourceBookOptions): SourceBooks {
  const { depth } = options;
  const books = new Map(options.symbols.map((symbol) => [symbol, new BookState(symbol, depth, options.precisionOf)]));
  const lose = (book: BookState) => {
    book.invalidate();
    options.onLost(book.symbol);
  };
  const off = upstream.listen({
    state(state) {
      // `stale` is the same socket, merely quiet: its books stay consistent. Any other state means the
      // socket is gone and the client resubscribes with snapshots; no book from before may be used until then.
      if (state === 'live' || state === 'stale') return;
      for (const book of books.values()) if (book.valid) lose(book);
    },
    exchange: () => undefined,
    data(message) {
      if (message.channel !== 'book') return;
      const book = books.get(message.symbol);
      // updates before the (re)snapshot belong to a book we no longer trust
      if (!book || (message.type === 'update' && !book.valid)) return;
      const apply = message.type === 'snapshot' ? book.applySnapshot.bind(book) : book.applyUpdate.bind(book);
      if (apply(message.asks, message.bids, message.checksum) === 'ok') {
        options.onBook(book.symbol, levels(book.topAsks(depth)), levels(book.topBids(depth)), message.type === 'snapshot');
        return;
      }
      lose(book);
      upstream.resubscribe({ channel: 'book', symbol: book.symbol, depth });
    },
    rejected(key, reason) {
      // the source does not serve a pair its own listing named: that book never verifies, so the market stays not live
      log.error({ key, reason }, 'mirror: the source refused a book subscription');
    },
  });
  for (const symbol of options.symbols) upstream.subscribe({ channel: 'book', symbol, depth });
  return {
    status: () => [...books.values()].map((book) => ({ symbol: book.symbol, synced: book.valid })),
    dispose: off,
  };
}

function levels(tuples: readonly [string, string][]): TextLevel[] {
  return tuples.map(([price, qty]) => ({ price, qty }));
}

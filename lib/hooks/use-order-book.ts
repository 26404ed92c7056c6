'use client';

import { useMemo, useSyncExternalStore } from 'react';
import type { BookPicture } from '@/lib/feed/book-store';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { LOADING, type Loadable } from '@/lib/feed/loadable';
import { bookStore } from '@/lib/feed/stores';

const serverSnapshot = (): Loadable<BookPicture> => LOADING;

/**
 * The live, checksum-verified L2 book of `symbol` at `depth`, re-rendering at most ~10×/s.
 * `status: 'resyncing'` while the book is rebuilt after a checksum mismatch.
 */
export function useOrderBook(symbol: string, depth: BookDepth): Loadable<BookPicture> {
  const store = useMemo(() => bookStore(symbol, depth), [symbol, depth]);
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
}

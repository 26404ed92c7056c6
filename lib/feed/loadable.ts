import type { FeedState } from '@/lib/protocol';

/**
 * What every live widget receives: the data plus how far to trust it, so a widget shows "stale" or
 * "resyncing" instead of silently freezing on old numbers.
 */
export type LoadableStatus = 'loading' | 'live' | 'stale' | 'resyncing' | 'offline';

export type Loadable<T> =
  | { readonly status: 'loading'; readonly data: undefined }
  | { readonly status: 'live'; readonly data: T }
  | { readonly status: 'stale' | 'resyncing' | 'offline'; readonly data: T | undefined };

export const LOADING: Loadable<never> = Object.freeze({ status: 'loading', data: undefined });

export interface StoreCondition {
  /** the connection's state */
  feed: FeedState;
  /** the store holds data (from a snapshot) */
  hasData: boolean;
  /** that data arrived since the feed last became live */
  fresh: boolean;
  /** this one subscription is being rebuilt (book checksum mismatch) */
  resyncing: boolean;
}

/** The status a widget shows for one store, from the connection state and the store's own. */
export function loadableStatus(c: StoreCondition): LoadableStatus {
  if (c.feed === 'offline') return 'offline';
  if (c.resyncing || c.feed === 'resyncing') return 'resyncing';
  if (c.feed === 'stale') return 'stale';
  if (!c.hasData) return 'loading';
  return c.feed === 'live' && c.fresh ? 'live' : 'stale';
}

export function toLoadable<T>(status: LoadableStatus, data: T | undefined): Loadable<T> {
  if (status === 'loading' || (status === 'live' && data === undefined)) return LOADING;
  if (status === 'live') return { status, data: data as T };
  return { status, data };
}

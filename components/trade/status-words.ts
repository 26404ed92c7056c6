import type { LoadableStatus } from '@/lib/feed/loadable';

/**
 * The one set of words every live widget uses for its data's state, so the header, book, tape and
 * chart never say "resyncing" in three different ways.
 */
export const STATUS_WORDS: Record<LoadableStatus, string> = {
  loading: 'Loading…',
  live: 'Live',
  stale: 'Stale',
  resyncing: 'Resyncing…',
  offline: 'Offline',
};

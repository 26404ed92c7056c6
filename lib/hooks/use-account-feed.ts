'use client';

import { useSyncExternalStore } from 'react';
import type { FeedState } from '@/lib/protocol';
import { AccountFeedStore } from '@/lib/feed/account-feed';
import { feedSource } from '@/lib/feed/stores';

let store: AccountFeedStore | undefined;
const serverSnapshot = (): FeedState => 'connecting';

/** Whether executions and balances are streaming live to this tab (see AccountFeedStore). */
export function useAccountFeed(): FeedState {
  store ??= new AccountFeedStore(feedSource());
  return useSyncExternalStore(store.subscribe, store.getSnapshot, serverSnapshot);
}

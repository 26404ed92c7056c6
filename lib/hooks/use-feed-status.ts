'use client';

import { useSyncExternalStore } from 'react';
import { feedSource } from '@/lib/feed/stores';
import type { FeedState } from '@/lib/protocol';

const subscribe = (listener: () => void) => feedSource().onState(listener);
const getSnapshot = () => feedSource().state;
const getServerSnapshot = (): FeedState => 'connecting';

/** The tab's connection to the live feed: connecting | live | stale | resyncing | offline. */
export function useFeedStatus(): FeedState {
  return useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);
}

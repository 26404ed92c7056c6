'use client';

import { useFeedStatus } from '@/lib/hooks/use-feed-status';
import type { FeedState } from '@/lib/protocol';

const LABEL: Record<FeedState, string> = {
  connecting: 'Connecting',
  live: 'Live',
  stale: 'Stale',
  resyncing: 'Resyncing',
  offline: 'Offline',
};

const DOT: Record<FeedState, string> = {
  connecting: 'bg-muted',
  live: 'bg-up',
  stale: 'bg-amber-500',
  resyncing: 'bg-amber-500',
  offline: 'bg-down',
};

const HINT: Record<FeedState, string> = {
  connecting: 'Connecting to the live feed',
  live: 'Prices are streaming live',
  stale: 'The feed was interrupted: prices shown may be out of date',
  resyncing: 'Reconnecting to the exchange and rebuilding market data',
  offline: 'No connection to the live feed: prices shown are out of date',
};

/** The tab's live-feed state in words (not colour alone), announced politely to screen readers. */
export function ConnectionIndicator() {
  const state = useFeedStatus();
  return (
    <div
      role="status"
      aria-live="polite"
      title={HINT[state]}
      data-state={state}
      className="inline-flex items-center gap-2 rounded-full border border-border bg-panel px-3 py-1 text-xs font-medium"
    >
      <span aria-hidden="true" className={`h-2 w-2 rounded-full ${DOT[state]}`} />
      <span>{LABEL[state]}</span>
    </div>
  );
}

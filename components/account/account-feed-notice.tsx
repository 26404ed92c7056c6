'use client';

import { useAccountFeed } from '@/lib/hooks/use-account-feed';

/**
 * Says so when the account's live updates stop, so nobody mistakes a quiet order list for a quiet
 * account. Lists keep refreshing from the API every few seconds meanwhile; connecting at page load is
 * normal and shows nothing.
 */
export function AccountFeedNotice() {
  const state = useAccountFeed();
  if (state === 'live' || state === 'connecting') return null;
  const text =
    state === 'offline'
      ? 'Live account updates are unavailable. This page still refreshes every few seconds.'
      : 'Live account updates from Kraken are interrupted; reconnecting. This page still refreshes every few seconds.';
  return (
    <p role="status" data-testid="account-feed" className="rounded border border-amber-500/40 bg-amber-500/10 px-3 py-2 text-xs text-text">
      {text}
    </p>
  );
}

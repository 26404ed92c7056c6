'use client';

import { useSyncExternalStore } from 'react';
import { apiCall } from '@/lib/ticket/api-client';
import { balancesResponseSchema, type DeskBalance } from '@/lib/ticket/api-types';
import { feedSource } from '@/lib/feed/stores';
import { polledResource, type ResourceState } from '@/lib/ticket/polled-resource';

/**
 * The account's balances and holds (GET /api/balances), shared by the ticket's percentage buttons and
 * the balances page; read again on every frame of the private balances feed, right after an order
 * action, and every 5 s as a safety net.
 */
const balances = polledResource(async () => {
  const result = await apiCall('GET', '/api/balances', balancesResponseSchema);
  return result.ok ? { ...result, data: result.data.balances } : result;
}, 5000, {
  trigger: (changed) =>
    // every frame of the account channel means the account changed: read the desk's view again
    feedSource().subscribe({ channel: 'balances' }, (event) => {
      if (event.type === 'private') changed();
    }),
});

const SERVER: ResourceState<DeskBalance[]> = { status: 'loading', data: undefined, error: undefined };

export function useBalances(): ResourceState<DeskBalance[]> {
  return useSyncExternalStore(balances.subscribe, balances.getSnapshot, () => SERVER);
}

export function refreshBalances(): Promise<void> {
  return balances.refresh();
}

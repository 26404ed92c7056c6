'use client';

import { useSyncExternalStore } from 'react';
import { apiCall } from '@/lib/ticket/api-client';
import { balancesResponseSchema, type DeskBalance } from '@/lib/ticket/api-types';
import { polledResource, type ResourceState } from '@/lib/ticket/polled-resource';

/**
 * The account's balances and holds (GET /api/balances), shared by the ticket's percentage buttons and
 * the balances page; refreshed every 4 s while shown and right after an order action.
 */
const balances = polledResource(async () => {
  const result = await apiCall('GET', '/api/balances', balancesResponseSchema);
  return result.ok ? { ...result, data: result.data.balances } : result;
}, 4000);

const SERVER: ResourceState<DeskBalance[]> = { status: 'loading', data: undefined, error: undefined };

export function useBalances(): ResourceState<DeskBalance[]> {
  return useSyncExternalStore(balances.subscribe, balances.getSnapshot, () => SERVER);
}

export function refreshBalances(): Promise<void> {
  return balances.refresh();
}

'use client';

import { useSyncExternalStore } from 'react';
import { apiCall } from '@/lib/ticket/api-client';
import { ordersPageSchema, type DeskOrder } from '@/lib/ticket/api-types';
import { feedSource } from '@/lib/feed/stores';
import { polledResource, type ResourceState } from '@/lib/ticket/polled-resource';

/**
 * The account's open orders, attributed to desk members, kept current for every component of the tab.
 * Starts from GET /api/orders?status=open, reads it again on every frame of the private executions
 * feed and right after any order action (`refreshOpenOrders()`), and polls every 3 s as a safety net,
 * so fills, cancels and other members' orders appear by themselves.
 */
const openOrders = polledResource(async () => {
  const result = await apiCall('GET', '/api/orders?status=open', ordersPageSchema);
  return result.ok ? { ...result, data: result.data.orders } : result;
}, 3000, (changed) =>
  // every frame of the account channel means the account changed: read the desk's attributed view again
  feedSource().subscribe({ channel: 'executions' }, (event) => {
    if (event.type === 'private') changed();
  }),
);

const SERVER: ResourceState<DeskOrder[]> = { status: 'loading', data: undefined, error: undefined };

export function useOpenOrders(): ResourceState<DeskOrder[]> {
  return useSyncExternalStore(openOrders.subscribe, openOrders.getSnapshot, () => SERVER);
}

export function refreshOpenOrders(): Promise<void> {
  return openOrders.refresh();
}

'use client';

import { useSyncExternalStore } from 'react';
import { apiCall } from '@/lib/ticket/api-client';
import { ordersPageSchema, type DeskOrder } from '@/lib/ticket/api-types';
import { polledResource, type ResourceState } from '@/lib/ticket/polled-resource';

/**
 * The account's open orders, attributed to desk members, kept current for every component of the tab.
 * Starts from GET /api/orders?status=open and refreshes every 2 s while shown and right after any
 * order action (`refreshOpenOrders()`), so fills, cancels and other members' orders appear by themselves.
 */
const openOrders = polledResource(async () => {
  const result = await apiCall('GET', '/api/orders?status=open', ordersPageSchema);
  return result.ok ? { ...result, data: result.data.orders } : result;
}, 2000);

const SERVER: ResourceState<DeskOrder[]> = { status: 'loading', data: undefined, error: undefined };

export function useOpenOrders(): ResourceState<DeskOrder[]> {
  return useSyncExternalStore(openOrders.subscribe, openOrders.getSnapshot, () => SERVER);
}

export function refreshOpenOrders(): Promise<void> {
  return openOrders.refresh();
}

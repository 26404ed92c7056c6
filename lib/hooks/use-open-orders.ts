'use client';

import { useSyncExternalStore } from 'react';
import { apiCall } from '@/lib/account-client/api-client';
import { ordersListSchema, type DeskOrder } from '@/lib/desk-api/orders';
import { OPEN_ORDERS_PATH } from '@/lib/account-client/orders-api';
import { feedSource } from '@/lib/feed/stores';
import { executionReports, ExecutionOverlay } from '@/lib/account-client/execution-overlay';
import { polledResource, type ResourceState } from '@/lib/account-client/polled-resource';

/**
 * The account's open orders, attributed to desk members, kept current for every component of the tab.
 * Starts from GET /api/orders?status=open&all=1; each executions frame is laid over that list at once (fills,
 * amends, cancels: see ExecutionOverlay), and the list is read again when a frame names an order it has
 * not shown (the API knows its member), on a snapshot, right after any order action
 * (`refreshOpenOrders()`), and every 10 s as a safety net. Not faster: each read after an order action reaches
 * Kraken's OpenOrders, and on the starter tier (one REST call per 3 s sustained) a 3 s poll from every open trade
 * page used the team's whole REST budget during a burst of orders, so balances and order read-backs waited.
 */
const overlay = new ExecutionOverlay();
const openOrders = polledResource(
  async () => {
    // every open order, not the first page of 50 (the cancel-all dialog counts this list)
    const result = await apiCall('GET', OPEN_ORDERS_PATH, ordersListSchema);
    return result.ok ? { ...result, data: result.data.orders } : result;
  },
  10_000,
  {
    view: (orders) => overlay.apply(orders),
    trigger: (changed, redraw) =>
      feedSource().subscribe({ channel: 'executions' }, (event) => {
        if (event.type !== 'private') return;
        // a snapshot (joining, or after the account feed came back) restates everything
        if (event.kind !== 'update') return changed();
        const unseen = overlay.record(executionReports(event.data), openOrders.getSnapshot().data ?? []);
        redraw();
        if (unseen) changed();
      }),
  },
);

const SERVER: ResourceState<DeskOrder[]> = { status: 'loading', data: undefined, error: undefined };

export function useOpenOrders(): ResourceState<DeskOrder[]> {
  return useSyncExternalStore(openOrders.subscribe, openOrders.getSnapshot, () => SERVER);
}

export function refreshOpenOrders(): Promise<void> {
  return openOrders.refresh();
}

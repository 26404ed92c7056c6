'use client';

import { useSyncExternalStore } from 'react';
import { apiCall } from '@/lib/account-client/api-client';
import { accountBalancesSchema, type BalanceRow } from '@/lib/desk-api/account';
import { feedSource } from '@/lib/feed/stores';
import { balanceUpdates, BalanceOverlay } from '@/lib/account-client/balance-overlay';
import { polledResource, type ResourceState } from '@/lib/account-client/polled-resource';

/**
 * The account's balances and holds (GET /api/balances), shared by the ticket's percentage buttons and
 * the balances page. Each balances frame's new totals show at once (BalanceOverlay); the list is also read
 * again on every frame (holds are not in the frames), right after an order action, and every 5 s.
 */
const overlay = new BalanceOverlay();
const balances = polledResource(
  async () => {
    const result = await apiCall('GET', '/api/balances', accountBalancesSchema);
    return result.ok ? { ...result, data: result.data.balances } : result;
  },
  5000,
  {
    view: (rows) => overlay.apply(rows),
    trigger: (changed, redraw) =>
      feedSource().subscribe({ channel: 'balances' }, (event) => {
        if (event.type !== 'private') return;
        if (event.kind === 'update') {
          overlay.record(balanceUpdates(event.data));
          redraw();
        }
        changed();
      }),
  },
);

const SERVER: ResourceState<BalanceRow[]> = { status: 'loading', data: undefined, error: undefined };

export function useBalances(): ResourceState<BalanceRow[]> {
  return useSyncExternalStore(balances.subscribe, balances.getSnapshot, () => SERVER);
}

export function refreshBalances(): Promise<void> {
  return balances.refresh();
}

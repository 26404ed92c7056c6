'use client';

import { useMemo, useSyncExternalStore } from 'react';
import { feedSource } from '@/lib/feed/stores';
import { apiCall } from '@/lib/account-client/api-client';
import { deskFillSchema, pagedSchema, type DeskFill } from '@/lib/desk-api/account';
import { historyPath } from '@/lib/account-client/history';
import { polledResource, type PolledResource, type ResourceState } from '@/lib/account-client/polled-resource';
import { executionUpdatesOf } from '@/lib/kraken/account-updates';

const pageSchema = pagedSchema(deskFillSchema);
/** One resource per pair for the tab, shared by the fills panel and the chart's markers. */
const byPair = new Map<string, PolledResource<DeskFill[]>>();

/** A little over the desk's shortest reload interval of history reads after an account change (lib/orders/reads.ts). */
const HISTORY_SETTLE_MS = 2500;

/** An executions frame that reports a trade: the pair's fills list is out of date. */
function reportsTrade(data: unknown): boolean {
  return executionUpdatesOf(data).some((row) => row.execType === 'trade');
}

function fillsOf(symbol: string): PolledResource<DeskFill[]> {
  let resource = byPair.get(symbol);
  if (!resource) {
    const path = historyPath(0, 'fills', { symbol, side: '', from: '', to: '' });
    resource = polledResource(
      async () => {
        const result = await apiCall('GET', path, pageSchema);
        // the server filters by pair text; keep exactly this pair's fills
        return result.ok ? { ...result, data: result.data.rows.filter((f) => f.symbol === symbol) } : result;
      },
      15_000,
      {
        trigger: (changed) =>
          feedSource().subscribe({ channel: 'executions' }, (event) => {
            if (event.type !== 'private' || (event.kind === 'update' && !reportsTrade(event.data))) return;
            changed();
            // the desk serves TradesHistory from a cache it reloads at most every HISTORY_SETTLE_MS after a change:
            // a read right at the fill may get the list from just before it, so read once more after that
            setTimeout(changed, HISTORY_SETTLE_MS);
          }),
      },
    );
    byPair.set(symbol, resource);
  }
  return resource;
}

const SERVER: ResourceState<DeskFill[]> = { status: 'loading', data: undefined, error: undefined };

/** The account's latest fills (one page, newest first) on one pair, with the member whose order filled; live. */
export function usePairFills(symbol: string): ResourceState<DeskFill[]> {
  const resource = useMemo(() => fillsOf(symbol), [symbol]);
  return useSyncExternalStore(resource.subscribe, resource.getSnapshot, () => SERVER);
}

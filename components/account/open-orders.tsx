'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast-store';
import { refreshBalances } from '@/lib/hooks/use-balances';
import { refreshOpenOrders, useOpenOrders } from '@/lib/hooks/use-open-orders';
import { submitCancelAll } from '@/lib/account-client/orders-api';
import { AccountFeedNotice } from './account-feed-notice';
import { OpenOrderRow } from './open-order-row';

const HEAD = ['Opened', 'Pair', 'Side', 'Type', 'Price', 'Size', 'Filled', 'Placed by', ''];

/** The account's open orders, live, with cancel, amend and a confirmed cancel-all (traders and admins). */
export function OpenOrders({ canTrade }: { canTrade: boolean }) {
  const orders = useOpenOrders();
  const [confirmAll, setConfirmAll] = useState(false);
  const [busy, setBusy] = useState(false);
  const rows = orders.data ?? [];

  const cancelAll = async () => {
    setBusy(true);
    const result = await submitCancelAll();
    setBusy(false);
    setConfirmAll(false);
    if (result.ok) toast('success', 'All open orders cancelled', result.data.cancelled !== undefined ? `${result.data.cancelled} cancelled.` : undefined);
    else toast('error', 'Cancel all failed', result.message);
    void refreshOpenOrders();
    void refreshBalances();
  };

  return (
    <section aria-labelledby="open-orders-heading" className="rounded-lg border border-border bg-panel">
      <div className="flex flex-wrap items-center justify-between gap-2 p-3">
        <h2 id="open-orders-heading" className="text-base font-semibold">
          Open orders <span className="text-sm font-normal text-muted">({rows.length})</span>
        </h2>
        {canTrade ? (
          <Button variant="danger" size="sm" disabled={rows.length === 0} onClick={() => setConfirmAll(true)}>
            Cancel all
          </Button>
        ) : null}
      </div>
      <div className="px-3 pb-2 empty:hidden">
        <AccountFeedNotice />
      </div>
      {orders.status === 'error' ? (
        <p role="alert" className="px-3 pb-2 text-sm text-down">{orders.error}</p>
      ) : null}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[48rem] text-sm">
          <thead className="text-left text-xs text-muted">
            <tr>
              {HEAD.map((h, i) => (
                <th key={i} scope="col" className={`px-2 py-1.5 font-medium ${i >= 4 && i <= 6 ? 'text-right' : ''}`}>
                  {h || <span className="sr-only">Actions</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((o) => (
              <OpenOrderRow key={o.txid} order={o} canTrade={canTrade} />
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? (
          <p className="p-3 text-sm text-muted">{orders.status === 'loading' ? 'Loading open orders…' : 'No open orders.'}</p>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirmAll}
        title="Cancel every open order?"
        confirmLabel="Cancel all orders"
        cancelLabel="Keep orders"
        danger
        busy={busy}
        onCancel={() => setConfirmAll(false)}
        onConfirm={() => void cancelAll()}
      >
        This cancels {rows.length === 1 ? 'the 1 open order' : `all ${rows.length} open orders`} on the account, including other members&apos; orders.
      </ConfirmDialog>
    </section>
  );
}

'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast-store';
import { refreshBalances } from '@/lib/hooks/use-balances';
import { refreshOpenOrders } from '@/lib/hooks/use-executions';
import type { DeskOrder } from '@/lib/ticket/api-types';
import { amendOrder, cancelOrder } from '@/lib/ticket/orders-api';
import { typedDecimal } from '@/lib/ticket/rules';
import { Num, PlacedBy, SideCell, TypeCell, When } from './order-cells';

const INPUT = 'w-28 rounded border border-border bg-bg px-1.5 py-1 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-accent';

/** One open order with cancel and in-place amend of price and size. */
export function OpenOrderRow({ order, canTrade }: { order: DeskOrder; canTrade: boolean }) {
  const [editing, setEditing] = useState(false);
  const [price, setPrice] = useState(order.price ?? '');
  const [volume, setVolume] = useState(order.volume ?? '');
  const [busy, setBusy] = useState(false);
  const label = `${order.side} ${order.volume ?? ''} ${order.symbol}`.trim();

  const cancel = async () => {
    setBusy(true);
    const result = await cancelOrder(order.id);
    setBusy(false);
    if (result.ok) toast('success', 'Order cancelled', label);
    else toast('error', 'Cancel failed', result.message);
    void refreshOpenOrders();
    void refreshBalances();
  };

  const amend = async () => {
    const change: { price?: string; volume?: string } = {};
    const p = typedDecimal(price);
    const v = typedDecimal(volume);
    if (price.trim() && p === null) return toast('error', 'Amend not sent', 'The new price must be a number like 30000.5.');
    if (volume.trim() && v === null) return toast('error', 'Amend not sent', 'The new size must be a number like 0.01.');
    if (p !== null && p !== order.price) change.price = p;
    if (v !== null && v !== order.volume) change.volume = v;
    if (!change.price && !change.volume) return setEditing(false);
    setBusy(true);
    const result = await amendOrder(order.id, change);
    setBusy(false);
    if (result.ok) {
      toast('success', 'Order amended', [change.price && `price ${change.price}`, change.volume && `size ${change.volume}`].filter(Boolean).join(', '));
      setEditing(false);
    } else toast('error', 'Amend failed', result.message);
    void refreshOpenOrders();
  };

  return (
    <tr className="border-t border-border align-middle" data-order-id={order.id}>
      <td className="px-2 py-1.5"><When value={order.openedAt} /></td>
      <td className="px-2 py-1.5 whitespace-nowrap">{order.symbol}</td>
      <td className="px-2 py-1.5"><SideCell side={order.side} /></td>
      <td className="px-2 py-1.5 whitespace-nowrap"><TypeCell type={order.type} /></td>
      <td className="px-2 py-1.5 text-right">
        {editing ? <input aria-label="New price" inputMode="decimal" className={INPUT} value={price} onChange={(e) => setPrice(e.target.value)} /> : <Num value={order.price} />}
      </td>
      <td className="px-2 py-1.5 text-right">
        {editing ? <input aria-label="New size" inputMode="decimal" className={INPUT} value={volume} onChange={(e) => setVolume(e.target.value)} /> : <Num value={order.volume} />}
      </td>
      <td className="px-2 py-1.5 text-right"><Num value={order.filled} /></td>
      <td className="px-2 py-1.5"><PlacedBy order={order} /></td>
      <td className="px-2 py-1.5">
        {canTrade ? (
          <div className="flex justify-end gap-1">
            {editing ? (
              <>
                <Button size="sm" variant="primary" disabled={busy} onClick={() => void amend()}>Save</Button>
                <Button size="sm" disabled={busy} onClick={() => setEditing(false)}>Discard</Button>
              </>
            ) : (
              <>
                <Button size="sm" disabled={busy} onClick={() => setEditing(true)} aria-label={`Amend ${label}`}>Amend</Button>
                <Button size="sm" variant="danger" disabled={busy} onClick={() => void cancel()} aria-label={`Cancel ${label}`}>Cancel</Button>
              </>
            )}
          </div>
        ) : null}
      </td>
    </tr>
  );
}

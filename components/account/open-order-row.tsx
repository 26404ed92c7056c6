'use client';

import { useState, type ReactNode } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast-store';
import { refreshBalances } from '@/lib/hooks/use-balances';
import { refreshOpenOrders } from '@/lib/hooks/use-open-orders';
import { amendChange, amendFields, amendLabels, amendStart, type AmendBody, type AmendField, type AmendForm } from '@/lib/account-client/amend';
import type { DeskOrder } from '@/lib/desk-api/orders';
import { approvalFromAnswer } from '@/lib/approvals/client';
import { submitAmend, submitCancel, previewFromFailure } from '@/lib/account-client/orders-api';
import { AmendConfirm, type PendingAmend } from './amend-confirm';
import { Num, PlacedBy, SideCell, TypeCell, When } from './order-cells';

const INPUT = 'w-28 rounded border border-border bg-bg px-1.5 py-1 text-sm tabular-nums focus-visible:outline-2 focus-visible:outline-accent';

const AMENDED: Record<Exclude<keyof AmendBody, 'confirm'>, string> = { price: 'price', price2: 'limit', volume: 'size', displayVolume: 'visible size' };

/**
 * One open order with cancel and in-place amend: price (or trailing offset), a stop-limit's limit price,
 * size and an iceberg's visible size. Only changed fields are sent; a fat-finger 409 shows the server's
 * preview and a confirmed resend, as the ticket does for new orders.
 */
export function OpenOrderRow({ order, canTrade }: { order: DeskOrder; canTrade: boolean }) {
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<AmendForm>(() => amendStart(order));
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingAmend | undefined>();
  const label = `${order.side} ${order.volume ?? ''} ${order.symbol}`.trim();
  const fields = amendFields(order.type);
  const labels = amendLabels(order.type);

  const cancel = async () => {
    setBusy(true);
    const result = await submitCancel(order.txid);
    setBusy(false);
    if (result.ok) toast('success', 'Order cancelled', label);
    else toast('error', 'Cancel failed', result.message);
    void refreshOpenOrders();
    void refreshBalances();
  };

  const send = async (change: Omit<AmendBody, 'confirm'>, confirmed: boolean) => {
    setBusy(true);
    const result = await submitAmend(order.txid, confirmed ? { ...change, confirm: true } : change);
    setBusy(false);
    setPending(undefined);
    if (result.ok) {
      const what = Object.entries(change).map(([k, v]) => `${AMENDED[k as keyof typeof AMENDED]} ${v}`);
      // 202: the amend raises the order above the four-eyes threshold and waits for a second member
      if (approvalFromAnswer(result.data)) toast('info', 'Amend awaiting approval', `${what.join(', ')}: a second member must approve it.`);
      else toast('success', 'Order amended', what.join(', '));
      setEditing(false);
    } else if (result.code === 'confirmation_required' && !confirmed) {
      setPending({ change, message: result.message, preview: previewFromFailure(result.preview) });
    } else toast('error', 'Amend failed', result.message);
    void refreshOpenOrders();
  };

  const save = () => {
    const built = amendChange(order, form);
    if ('error' in built) return toast('error', 'Amend not sent', built.error);
    if (!built.change) return setEditing(false);
    void send(built.change, false);
  };

  const box = (field: AmendField) => (
    <input
      aria-label={labels[field]}
      inputMode="decimal"
      autoComplete="off"
      className={INPUT}
      value={form[field]}
      placeholder={field === 'displayVolume' ? 'unchanged' : undefined}
      onChange={(e) => setForm((f) => ({ ...f, [field]: e.target.value }))}
    />
  );

  return (
    <tr className="border-t border-border align-middle" data-order-id={order.txid}>
      <td className="px-2 py-1.5"><When value={order.openTime === null ? undefined : String(order.openTime)} /></td>
      <td className="px-2 py-1.5 whitespace-nowrap">{order.symbol}</td>
      <td className="px-2 py-1.5"><SideCell side={order.side} /></td>
      <td className="px-2 py-1.5 whitespace-nowrap"><TypeCell type={order.type} /></td>
      <EditableCell editing={editing} value={order.price}>
        {fields.price !== 'none' ? box('price') : <Num value={order.price} />}
        {fields.price2 !== 'none' ? box('price2') : null}
      </EditableCell>
      <EditableCell editing={editing} value={order.volume}>
        {box('volume')}
        {fields.displayVolume ? box('displayVolume') : null}
      </EditableCell>
      <td className="px-2 py-1.5 text-right"><Num value={order.volumeExecuted} /></td>
      <td className="px-2 py-1.5"><PlacedBy order={order} /></td>
      <td className="px-2 py-1.5">
        {canTrade ? (
          <OrderActions
            editing={editing}
            busy={busy}
            amendable={fields.price !== 'none'}
            label={label}
            onSave={save}
            onDiscard={() => setEditing(false)}
            onAmend={() => { setForm(amendStart(order)); setEditing(true); }}
            onCancel={() => void cancel()}
          />
        ) : null}
        <AmendConfirm
          pending={pending}
          symbol={order.symbol}
          busy={busy}
          onCancel={() => setPending(undefined)}
          onConfirm={(change) => void send(change, true)}
        />
      </td>
    </tr>
  );
}

interface ActionsProps {
  editing: boolean;
  busy: boolean;
  /** false for order types whose price cannot be amended */
  amendable: boolean;
  label: string;
  onSave(): void;
  onDiscard(): void;
  onAmend(): void;
  onCancel(): void;
}

/** Save/Discard while amending, Amend/Cancel otherwise. */
function OrderActions({ editing, busy, amendable, label, onSave, onDiscard, onAmend, onCancel }: ActionsProps) {
  return (
    <div className="flex justify-end gap-1">
      {editing ? (
        <>
          <Button size="sm" variant="primary" disabled={busy} onClick={onSave}>Save</Button>
          <Button size="sm" disabled={busy} onClick={onDiscard}>Discard</Button>
        </>
      ) : (
        <>
          <Button size="sm" disabled={busy || !amendable} onClick={onAmend} aria-label={`Amend ${label}`}>Amend</Button>
          <Button size="sm" variant="danger" disabled={busy} onClick={onCancel} aria-label={`Cancel ${label}`}>Cancel</Button>
        </>
      )}
    </div>
  );
}

/** A numeric cell that shows its amend inputs (children) while the row is being edited. */
function EditableCell({ editing, value, children }: { editing: boolean; value: string | null | undefined; children: ReactNode }) {
  return (
    <td className="px-2 py-1.5 text-right">
      {editing ? <div className="flex flex-col items-end gap-1">{children}</div> : <Num value={value} />}
    </td>
  );
}

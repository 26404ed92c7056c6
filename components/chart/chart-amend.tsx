'use client';

import { useState } from 'react';
import { AmendConfirm, type PendingAmend } from '@/components/account/amend-confirm';
import { ConfirmDialog } from '@/components/ui/dialog';
import { toast } from '@/components/ui/toast-store';
import { approvalFromAnswer } from '@/lib/approvals/client';
import type { OrderLike } from '@/lib/candles/own-marks';
import { formatDecimal } from '@/lib/format';
import { refreshOpenOrders } from '@/lib/hooks/use-open-orders';
import { submitAmend, previewFromFailure } from '@/lib/account-client/orders-api';

export interface DragProposal {
  order: OrderLike;
  /** the new price, on the tick, as decimal text */
  price: string;
}

interface Props {
  proposal: DragProposal;
  symbol: string;
  pricePrecision: number;
  /** the amend is over (sent, refused or dropped): the line follows its order again */
  onDone: () => void;
}

/**
 * A dragged order line's amend: asks the member to confirm the new price, then sends the panel's own
 * amend (PATCH /api/orders/{id} with only `price`, so the server runs every check an amend gets). A
 * fat-finger 409 opens the same confirmation as the panel's; a refusal lets the line snap back and
 * says why in the server's words. Loaded only when a line is dropped.
 */
export function ChartAmend({ proposal, symbol, pricePrecision, onDone }: Props) {
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<PendingAmend | undefined>();
  const { order, price } = proposal;
  const side = order.side === 'buy' ? 'buy' : 'sell';
  const what = `${side} ${order.volume ?? ''} ${symbol}`.replace('  ', ' ');
  const shown = (text: string | undefined) => formatDecimal(text, pricePrecision);

  const send = async (confirmed: boolean) => {
    setBusy(true);
    const change = { price };
    const result = await submitAmend(order.txid, confirmed ? { ...change, confirm: true } : change);
    setBusy(false);
    if (result.ok) {
      if (approvalFromAnswer(result.data)) toast('info', 'Amend awaiting approval', `price ${price}: a second member must approve it.`);
      else toast('success', 'Order amended', `price ${price}`);
    } else if (result.code === 'confirmation_required' && !confirmed) {
      setPending({ change, message: result.message, preview: previewFromFailure(result.preview) });
      return;
    } else {
      toast('error', 'Amend refused', result.message);
    }
    setPending(undefined);
    void refreshOpenOrders();
    onDone();
  };

  return (
    <>
      <ConfirmDialog
        open={pending === undefined}
        title="Move this order?"
        confirmLabel="Amend price"
        busy={busy}
        onCancel={onDone}
        onConfirm={() => void send(false)}
      >
        <p>
          {`Your ${what} order at ${shown(order.price ?? undefined)} moves to `}
          <strong data-testid="dragged-price">{shown(price)}</strong>.
        </p>
        <p className="mt-1 text-muted">Only its price changes; the desk checks it like any amend.</p>
      </ConfirmDialog>
      <AmendConfirm pending={pending} symbol={symbol} busy={busy} onCancel={onDone} onConfirm={() => void send(true)} />
    </>
  );
}

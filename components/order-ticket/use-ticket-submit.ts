'use client';

import { useState } from 'react';
import { toast } from '@/components/ui/toast-store';
import { refreshBalances } from '@/lib/hooks/use-balances';
import { refreshOpenOrders } from '@/lib/hooks/use-open-orders';
import type { OrderPreview } from '@/lib/desk-api/preview';
import type { TicketCheck, TicketDraft } from '@/lib/account-client/build';
import { orderTypeLabel } from '@/lib/account-client/order-types';
import { newIdempotencyKey, submitOrder, previewFromFailure, previewOrder } from '@/lib/account-client/orders-api';
import { placedOutcome } from '@/lib/account-client/place-outcome';
import type { TicketPair } from '@/lib/account-client/types';
import { approvalFromAnswer, type Approval } from '@/lib/approvals/client';

export type TicketBusy = 'preview' | 'submit' | undefined;

interface Options {
  form: TicketDraft;
  check: TicketCheck;
  pair: TicketPair;
  /** Preview or Place was pressed: every field's error may show now */
  onAttempt(): void;
  /** the order went in (or awaits approval): clear the size and the errors for the next ticket */
  onPlaced(): void;
}

/**
 * The ticket's one submit path (Preview, Place, the confirmed resubmit). One idempotency key per ticket:
 * it is sent with every attempt (double clicks, retries after a lost answer) and renewed only once the
 * server has given a definite result, so the desk can never place the same ticket twice.
 */
export function useTicketSubmit({ form, check, pair, onAttempt, onPlaced }: Options) {
  const [key, setKey] = useState(newIdempotencyKey);
  const [busy, setBusy] = useState<TicketBusy>();
  const [preview, setPreview] = useState<OrderPreview | undefined>();
  const [confirming, setConfirming] = useState<{ preview: OrderPreview | undefined; message: string } | undefined>();
  const [awaiting, setAwaiting] = useState<Approval | undefined>();

  const settled = () => {
    setKey(newIdempotencyKey());
    setPreview(undefined);
  };

  const runPreview = async () => {
    onAttempt();
    if (!check.body) return;
    setBusy('preview');
    const result = await previewOrder({ ...check.body, idempotencyKey: key });
    setBusy(undefined);
    if (result.ok) setPreview(result.data);
    else toast('error', 'Preview failed', result.message);
  };

  const submit = async (confirmed = false) => {
    onAttempt();
    if (!check.body || busy === 'submit') return;
    setBusy('submit');
    const result = await submitOrder({ ...check.body, idempotencyKey: key, ...(confirmed ? { confirm: true } : {}) });
    setBusy(undefined);
    setConfirming(undefined);
    const what = `${form.side === 'buy' ? 'Buy' : 'Sell'} ${check.baseVolume ?? check.body.volume} ${pair.base} ${orderTypeLabel(form.type).toLowerCase()}`;
    if (result.ok) {
      // 202: above the four-eyes threshold; the request is shown, live, until a second member decides it
      const approval = approvalFromAnswer({ approval: result.data.approval });
      if (approval) setAwaiting(approval);
      const outcome = approval ? { tone: 'info' as const, title: `${what} awaiting approval`, message: 'A second member must approve it before it is placed.' } : placedOutcome(what, result.data);
      toast(outcome.tone, outcome.title, outcome.message);
      settled();
      onPlaced();
      void refreshOpenOrders();
      void refreshBalances();
      return;
    }
    if (result.code === 'confirmation_required') {
      // the guard refuses before the key is claimed, so the confirmed resubmit keeps the ticket's key
      setConfirming({ preview: previewFromFailure(result.preview), message: result.message });
      return;
    }
    toast('error', `${what} order not placed`, result.message);
    // no definite answer (network, 5xx): keep the key so trying again resolves to the same order
    if (result.status >= 400 && result.status < 500) settled();
  };

  const cancelConfirm = () => {
    setConfirming(undefined);
    settled();
  };

  return {
    busy, preview, confirming, awaiting, runPreview, submit, cancelConfirm,
    /** the form changed: an earlier preview no longer describes it */
    clearPreview: () => setPreview(undefined),
    dismissApproval: () => setAwaiting(undefined),
  };
}

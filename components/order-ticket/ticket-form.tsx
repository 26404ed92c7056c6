'use client';

import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import { toast } from '@/components/ui/toast-store';
import { refreshBalances, useBalances } from '@/lib/hooks/use-balances';
import { refreshOpenOrders } from '@/lib/hooks/use-open-orders';
import { useTicker } from '@/lib/hooks/use-ticker';
import type { OrderPreview } from '@/lib/desk-api/preview';
import { commonAssetCode, freeAmount } from '@/lib/account-client/assets';
import { EMPTY_TICKET, checkTicket, type TicketField, type TicketDraft } from '@/lib/account-client/build';
import { orderTypeLabel, referencePriceField } from '@/lib/account-client/order-types';
import { newIdempotencyKey, placeOrder, previewFromFailure, previewOrder } from '@/lib/account-client/orders-api';
import { placedOutcome } from '@/lib/account-client/place-outcome';
import { typedDecimal } from '@/lib/account-client/rules';
import { fillablePercentOfBalance } from '@/lib/account-client/fee-room';
import { ORDER_TYPES, type OrderType } from '@/lib/desk-api/orders';
import type { TicketPair } from '@/lib/account-client/types';
import { ApprovalStatus } from '@/components/approvals/approval-status';
import { approvalFromAnswer, type Approval } from '@/lib/approvals/client';
import { prefillPatch } from './prefill-patch';
import { useTicketPrefill } from './ticket-prefill';
import { TicketOptions } from './ticket-options';
import { TicketPriceFields } from './ticket-price-fields';
import { TicketSizeField } from './ticket-size-field';

// Shown only after Preview or a fat-finger refusal: fetched when first needed, not with the page.
const PreviewPanel = dynamic(() => import('./preview-panel').then((m) => m.PreviewPanel), { ssr: false });
const ConfirmDialog = dynamic(() => import('@/components/ui/dialog').then((m) => m.ConfirmDialog), { ssr: false });

interface Props {
  pair: TicketPair;
  pricePrecision: number;
  /** the pair's taker fee in percent, so "100 %" leaves room for it */
  takerFeePct?: string;
}

/**
 * The ticket's state and its one submit path. One idempotency key per ticket: it is sent with every
 * attempt (double clicks, retries after a lost answer) and renewed only once the server has given a
 * definite result, so the desk can never place the same ticket twice.
 */
export function TicketForm({ pair, pricePrecision, takerFeePct }: Props) {
  const [form, setForm] = useState<TicketDraft>(EMPTY_TICKET);
  const [key, setKey] = useState(newIdempotencyKey);
  const [touched, setTouched] = useState<Partial<Record<TicketField, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'submit' | undefined>();
  const [preview, setPreview] = useState<OrderPreview | undefined>();
  const [confirming, setConfirming] = useState<{ preview: OrderPreview | undefined; message: string } | undefined>();
  const [awaiting, setAwaiting] = useState<Approval | undefined>();

  const ticker = useTicker(pair.symbol);
  const marketPrice = ticker.data?.last;
  const balances = useBalances();
  const check = useMemo(() => checkTicket(form, pair, marketPrice, new Date()), [form, pair, marketPrice]);
  const shown = (field: TicketField) => attempted || Boolean(touched[field]);

  const free = (code: string) => {
    const row = balances.data?.find((b) => commonAssetCode(b.asset) === code);
    return row ? freeAmount(row) : undefined;
  };
  const ref = referencePriceField(form.type);
  const refPrice = ref === 'market' ? marketPrice : (typedDecimal(ref === 'price' ? form.price : form.price2) ?? undefined);
  const available = { base: free(pair.base), quote: free(pair.quote) };
  const percentReady = form.side === 'sell' ? available.base !== undefined : available.quote !== undefined && refPrice !== undefined;

  const change = (patch: Partial<TicketDraft>) => {
    setForm((f) => ({ ...f, ...patch }));
    setPreview(undefined);
  };
  // a click on the book or the tape
  useTicketPrefill(pair.symbol, (fill) => {
    change(prefillPatch(form, fill));
    if (fill.price !== undefined) setTouched((t) => ({ ...t, price: true, ...(fill.size ? { size: true } : {}) }));
  });
  const settled = () => {
    setKey(newIdempotencyKey());
    setPreview(undefined);
  };

  const runPreview = async () => {
    setAttempted(true);
    if (!check.body) return;
    setBusy('preview');
    const result = await previewOrder({ ...check.body, idempotencyKey: key });
    setBusy(undefined);
    if (result.ok) setPreview(result.data);
    else toast('error', 'Preview failed', result.message);
  };

  const submit = async (confirmed = false) => {
    setAttempted(true);
    if (!check.body || busy === 'submit') return;
    setBusy('submit');
    const result = await placeOrder({ ...check.body, idempotencyKey: key, ...(confirmed ? { confirm: true } : {}) });
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
      setForm((f) => ({ ...f, size: '', displayVolume: '' }));
      setAttempted(false);
      setTouched({});
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

  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div role="group" aria-label="Side" className="grid grid-cols-2 gap-1">
        {(['buy', 'sell'] as const).map((s) => (
          <Button key={s} variant={form.side === s ? s : 'secondary'} aria-pressed={form.side === s} onClick={() => change({ side: s })}>
            {s === 'buy' ? 'Buy' : 'Sell'}
          </Button>
        ))}
      </div>
      <SelectField label="Order type" value={form.type} onChange={(e) => change({ type: e.target.value as OrderType })}>
        {ORDER_TYPES.map((t) => (
          <option key={t} value={t}>
            {orderTypeLabel(t)}
          </option>
        ))}
      </SelectField>
      <TicketPriceFields
        form={form}
        pair={pair}
        errors={check.errors}
        shown={shown}
        onChange={change}
        onBlur={(f) => setTouched((t) => ({ ...t, [f]: true }))}
      />
      <TicketSizeField
        form={form}
        pair={pair}
        error={shown('size') ? check.errors.size : undefined}
        baseVolume={check.baseVolume}
        percentReady={percentReady}
        onChange={change}
        onBlur={() => setTouched((t) => ({ ...t, size: true }))}
        onPercent={(pct) => {
          const size = fillablePercentOfBalance(pct, form.side, available, refPrice, pair.lotDecimals, takerFeePct, form.type === 'market');
          if (size !== null) change({ size, sizeUnit: 'base' });
          setTouched((t) => ({ ...t, size: true }));
        }}
      />
      <TicketOptions form={form} errors={check.errors} showErrors={attempted || form.expireAt !== ''} onChange={change} />
      {preview ? <PreviewPanel preview={preview} quote={pair.quote} pricePrecision={pricePrecision} /> : null}
      {awaiting ? <ApprovalStatus key={awaiting.id} initial={awaiting} onClose={() => setAwaiting(undefined)} /> : null}
      <div className="grid grid-cols-[auto_1fr] gap-2">
        <Button onClick={() => void runPreview()} disabled={busy !== undefined}>
          {busy === 'preview' ? 'Previewing…' : 'Preview'}
        </Button>
        <Button type="submit" variant={form.side} disabled={busy === 'submit'} aria-busy={busy === 'submit'}>
          {busy === 'submit' ? 'Placing…' : `${form.side === 'buy' ? 'Buy' : 'Sell'} ${pair.base}`}
        </Button>
      </div>
      {confirming !== undefined ? (
        <ConfirmDialog
          open={confirming !== undefined}
          title="Confirm this order"
          confirmLabel={`Confirm ${form.side}`}
          danger={form.side === 'sell'}
          busy={busy === 'submit'}
          onCancel={() => {
            setConfirming(undefined);
            settled();
          }}
          onConfirm={() => void submit(true)}
        >
          <p className="mb-2">{confirming?.message}</p>
          {confirming?.preview ? <PreviewPanel preview={confirming.preview} quote={pair.quote} pricePrecision={pricePrecision} /> : null}
        </ConfirmDialog>
      ) : null}
    </form>
  );
}

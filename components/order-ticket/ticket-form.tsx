'use client';

import dynamic from 'next/dynamic';
import { useMemo, useState } from 'react';
import { useBalances } from '@/lib/hooks/use-balances';
import { useTicker } from '@/lib/hooks/use-ticker';
import { commonAssetCode, freeAmount } from '@/lib/account-client/assets';
import { EMPTY_TICKET, checkTicketDraft, type TicketField, type TicketDraft } from '@/lib/account-client/build';
import { referencePriceField } from '@/lib/account-client/order-types';
import { typedDecimal } from '@/lib/account-client/rules';
import { fillablePercentOfBalance } from '@/lib/account-client/fee-room';
import type { TicketPair } from '@/lib/account-client/types';
import { ApprovalRequestPanel } from '@/components/approvals/approval-status';
import { prefillPatch } from './prefill-patch';
import { useTicketPrefill } from './ticket-prefill';
import { TicketActions } from './ticket-actions';
import { TicketOptions } from './ticket-options';
import { TicketPriceFields } from './ticket-price-fields';
import { TicketSideType } from './ticket-side-type';
import { TicketSizeField } from './ticket-size-field';
import { useTicketSubmit } from './use-ticket-submit';

// Shown only after Preview: fetched when first needed, not with the page.
const PreviewPanel = dynamic(() => import('./preview-panel').then((m) => m.PreviewPanel), { ssr: false });

interface Props {
  pair: TicketPair;
  pricePrecision: number;
  /** the pair's taker fee in percent, so "100 %" leaves room for it */
  takerFeePct?: string;
}

/**
 * The ticket's fields and what they show: errors once a field was touched or submit was tried, the
 * percent-of-balance sizes once the balance (and for buys a reference price) is known. Submitting is
 * use-ticket-submit.ts; the buttons and the fat-finger confirmation are ticket-actions.tsx.
 */
export function TicketForm({ pair, pricePrecision, takerFeePct }: Props) {
  const [form, setForm] = useState<TicketDraft>(EMPTY_TICKET);
  const [touched, setTouched] = useState<Partial<Record<TicketField, boolean>>>({});
  const [attempted, setAttempted] = useState(false);

  const ticker = useTicker(pair.symbol);
  const marketPrice = ticker.data?.last;
  const balances = useBalances();
  const check = useMemo(() => checkTicketDraft(form, pair, marketPrice, new Date()), [form, pair, marketPrice]);
  const shown = (field: TicketField) => attempted || Boolean(touched[field]);
  const ticket = useTicketSubmit({
    form, check, pair,
    onAttempt: () => setAttempted(true),
    onPlaced: () => {
      setForm((f) => ({ ...f, size: '', displayVolume: '' }));
      setAttempted(false);
      setTouched({});
    },
  });

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
    ticket.clearPreview();
  };
  // a click on the book or the tape
  useTicketPrefill(pair.symbol, (fill) => {
    change(prefillPatch(form, fill));
    if (fill.price !== undefined) setTouched((t) => ({ ...t, price: true, ...(fill.size ? { size: true } : {}) }));
  });

  return (
    <form
      noValidate
      className="flex flex-col gap-3"
      onSubmit={(e) => {
        e.preventDefault();
        void ticket.submit();
      }}
    >
      <TicketSideType form={form} onChange={change} />
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
      {ticket.preview ? <PreviewPanel preview={ticket.preview} quote={pair.quote} pricePrecision={pricePrecision} /> : null}
      {ticket.awaiting ? <ApprovalRequestPanel key={ticket.awaiting.id} initial={ticket.awaiting} onClose={ticket.dismissApproval} /> : null}
      <TicketActions
        form={form}
        pair={pair}
        pricePrecision={pricePrecision}
        busy={ticket.busy}
        confirming={ticket.confirming}
        onPreview={() => void ticket.runPreview()}
        onConfirm={() => void ticket.submit(true)}
        onCancelConfirm={ticket.cancelConfirm}
      />
    </form>
  );
}

'use client';

import dynamic from 'next/dynamic';
import { Button } from '@/components/ui/button';
import type { OrderPreview } from '@/lib/desk-api/preview';
import type { TicketDraft } from '@/lib/account-client/build';
import type { TicketPair } from '@/lib/account-client/types';
import type { TicketBusy } from './use-ticket-submit';

// Shown only after a fat-finger refusal: fetched when first needed, not with the page.
const PreviewPanel = dynamic(() => import('./preview-panel').then((m) => m.PreviewPanel), { ssr: false });
const ConfirmDialog = dynamic(() => import('@/components/ui/dialog').then((m) => m.ConfirmDialog), { ssr: false });

interface Props {
  form: TicketDraft;
  pair: TicketPair;
  pricePrecision: number;
  busy: TicketBusy;
  confirming: { preview: OrderPreview | undefined; message: string } | undefined;
  onPreview(): void;
  onConfirm(): void;
  onCancelConfirm(): void;
}

/** Preview and Place, and the confirmation the server asks for when an order looks like a fat finger. */
export function TicketActions({ form, pair, pricePrecision, busy, confirming, onPreview, onConfirm, onCancelConfirm }: Props) {
  return (
    <>
      <div className="grid grid-cols-[auto_1fr] gap-2">
        <Button onClick={onPreview} disabled={busy !== undefined}>
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
          onCancel={onCancelConfirm}
          onConfirm={onConfirm}
        >
          <p className="mb-2">{confirming?.message}</p>
          {confirming?.preview ? <PreviewPanel preview={confirming.preview} quote={pair.quote} pricePrecision={pricePrecision} /> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

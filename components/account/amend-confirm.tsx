import { PreviewPanel } from '@/components/order-ticket/preview-panel';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { AmendBody } from '@/lib/account-client/amend';
import type { OrderPreview } from '@/lib/desk-api/preview';

/** An amend the server held back for confirmation (409 `confirmation_required`), with its preview. */
export interface PendingAmend {
  change: Omit<AmendBody, 'confirm'>;
  message: string;
  preview: OrderPreview | undefined;
}

interface Props {
  pending: PendingAmend | undefined;
  symbol: string;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (change: Omit<AmendBody, 'confirm'>) => void;
}

/** The fat-finger confirmation for an amend: the server's reasons and preview, then a resend with `confirm: true`. */
export function AmendConfirm({ pending, symbol, busy, onCancel, onConfirm }: Props) {
  const quote = symbol.split('/')[1] ?? '';
  return (
    <ConfirmDialog
      open={pending !== undefined}
      title="Confirm this amend"
      confirmLabel="Confirm amend"
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => pending && onConfirm(pending.change)}
    >
      <p className="mb-2">{pending?.message}</p>
      {pending?.preview ? <PreviewPanel preview={pending.preview} quote={quote} pricePrecision={2} /> : null}
    </ConfirmDialog>
  );
}

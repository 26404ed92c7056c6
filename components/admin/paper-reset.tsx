'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import type { AdminResult } from './types';
import { useAdminAction } from './use-admin-action';

export interface PaperAccountView {
  market: string;
  status: string;
  source: string | null;
  connection: string | null;
  startingBalances: Record<string, string>;
}

/** /admin/paper: where the paper market comes from, and the reset back to the starting balances (confirmed). */
export function PaperReset({ info, reset }: { info: PaperAccountView | null; reset: () => Promise<AdminResult> }) {
  const [pending, run] = useAdminAction();
  const [confirming, setConfirming] = useState(false);
  const balances = info ? Object.entries(info.startingBalances).map(([code, amount]) => `${amount} ${code}`).join(', ') : '';
  return (
    <section aria-labelledby="paper-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="paper-heading" className="text-base font-semibold">Paper account</h2>
      {info ? (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          <dt className="text-muted">Market</dt>
          <dd>{info.market === 'mirror' ? `mirror of ${info.source ?? 'its source'} (${info.connection ?? 'unknown'})` : 'synthetic'}</dd>
          <dt className="text-muted">Exchange status</dt>
          <dd>{info.status}</dd>
          <dt className="text-muted">Starting balances</dt>
          <dd>{balances}</dd>
        </dl>
      ) : (
        <p className="text-sm text-down">The paper exchange did not answer; the reset may fail until it is back.</p>
      )}
      <div>
        <Button variant="danger" disabled={pending} onClick={() => setConfirming(true)}>Reset paper account</Button>
      </div>
      <ConfirmDialog
        open={confirming}
        title="Reset the paper account?"
        confirmLabel="Cancel all paper orders and reset balances"
        cancelLabel="Keep it"
        danger
        busy={pending}
        onCancel={() => setConfirming(false)}
        onConfirm={() => void run('Paper reset', reset).then(() => setConfirming(false))}
      >
        Every open paper order is cancelled and every balance goes back to {balances || 'its starting value'}. Order and
        trade history stay; the ledger shows the reset as adjustments.
      </ConfirmDialog>
    </section>
  );
}

'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast-store';
import { approveRequest, describeRequest, getApproval, pendingApprovals, rejectRequest, type Approval } from '@/lib/approvals/client';
import { formatDecimal } from '@/lib/format';
import { refreshOpenOrders } from '@/lib/hooks/use-open-orders';
import type { OrderPreview } from '@/lib/desk-api/preview';
import { withReauth } from '@/components/auth/reauth-store';

type Now = { preview: OrderPreview | undefined; error?: string };

const ROWS: [string, (p: OrderPreview) => string][] = [
  ['Value (USD)', (p) => formatDecimal(p.notionalUsd, 2)],
  ['Average fill', (p) => formatDecimal(p.avgFillPrice, 8)],
  ['Slippage (bps)', (p) => formatDecimal(p.slippageBps, 1)],
  ['Share of visible depth', (p) => (p.shareOfVisibleDepthPct ? `${formatDecimal(p.shareOfVisibleDepthPct, 2)}%` : '—')],
];

/** The order's preview when it was asked beside the preview against the book now. */
function ThenVsNow({ then, now }: { then: OrderPreview | undefined; now: Now }) {
  return (
    <table aria-label="Preview then and now" className="mt-2 w-full text-xs tabular-nums">
      <thead>
        <tr className="text-muted">
          <th className="text-left font-normal" />
          <th className="text-right font-normal">When asked</th>
          <th className="text-right font-normal">Now</th>
        </tr>
      </thead>
      <tbody>
        {ROWS.map(([label, cell]) => (
          <tr key={label}>
            <td className="text-muted">{label}</td>
            <td className="text-right">{then ? cell(then) : '—'}</td>
            <td className="text-right">{now.preview ? cell(now.preview) : (now.error ?? '—')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** One pending request in the approvals panel: the order, its preview then vs now, approve / reject with a reason. */
export function ApprovalCard({ approval }: { approval: Approval }) {
  const [now, setNow] = useState<Now | undefined>();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [confirmMessage, setConfirmMessage] = useState<string | undefined>();
  const what = describeRequest(approval);

  const compare = async () => {
    const result = await getApproval(approval.id, true);
    setNow(result.ok ? { preview: result.data.previewNow ?? undefined, error: result.data.previewError } : { preview: undefined, error: result.message });
  };
  const decided = () => {
    void pendingApprovals.refresh();
    void refreshOpenOrders();
  };
  const approve = async (confirm = false) => {
    setBusy(true);
    // approving is sensitive: a sign-in older than 5 minutes asks the member to confirm it is them, then retries
    const result = await withReauth(() => approveRequest(approval.id, confirm), (r) => (r.ok ? undefined : r.code));
    setBusy(false);
    if (result.ok) {
      toast('success', 'Approved and placed', `${approval.requester.username}: ${what}`);
      return decided();
    }
    if (result.code === 'confirmation_required') return setConfirmMessage(result.message);
    toast('error', 'Not approved', result.message);
    decided();
  };
  const reject = async () => {
    setBusy(true);
    const result = await withReauth(() => rejectRequest(approval.id, reason), (r) => (r.ok ? undefined : r.code));
    setBusy(false);
    if (result.ok) {
      toast('info', 'Rejected', `${approval.requester.username}: ${what}`);
      return decided();
    }
    toast('error', 'Not rejected', result.message);
  };

  return (
    <li aria-label={`Request ${approval.id} by ${approval.requester.username}`} className="rounded-md border border-border bg-panel-2 p-2 text-sm">
      <p>
        <span className="font-medium">{approval.requester.username}</span> · {what}
      </p>
      <p className="text-xs text-muted">
        {formatDecimal(approval.notionalUsd, 2)} USD (threshold {formatDecimal(approval.thresholdUsd, 2)}) · expires {new Date(approval.expiresAt).toLocaleTimeString()}
      </p>
      {now ? <ThenVsNow then={approval.preview} now={now} /> : null}
      {confirmMessage ? <p className="mt-2 text-xs text-down">{confirmMessage}</p> : null}
      {approval.canDecide ? (
        <div className="mt-2 flex flex-wrap gap-2">
          <Button size="sm" onClick={() => void compare()}>{now ? 'Refresh preview' : 'Preview now vs then'}</Button>
          <Button size="sm" variant="primary" disabled={busy} onClick={() => void approve(confirmMessage !== undefined)}>
            {confirmMessage ? 'Confirm and approve' : 'Approve'}
          </Button>
          <Button size="sm" variant="danger" disabled={busy} onClick={() => setRejecting((r) => !r)}>Reject…</Button>
        </div>
      ) : (
        <p className="mt-1 text-xs text-muted">Waiting for another member to decide.</p>
      )}
      {rejecting ? (
        <form className="mt-2 flex flex-col gap-1" onSubmit={(e) => { e.preventDefault(); void reject(); }}>
          <label className="text-xs text-muted" htmlFor={`reject-${approval.id}`}>Reason for rejecting (the requester sees it)</label>
          <input id={`reject-${approval.id}`} required maxLength={500} value={reason} onChange={(e) => setReason(e.target.value)}
            className="h-8 rounded-md border border-border bg-panel px-2 text-sm" />
          <Button size="sm" type="submit" variant="danger" disabled={busy || reason.trim() === ''}>Reject order</Button>
        </form>
      ) : null}
    </li>
  );
}

'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { toast } from '@/components/ui/toast-store';
import { FINAL_STATUSES, describeRequest, getApproval, type Approval } from '@/lib/approvals/client';
import { formatDecimal } from '@/lib/format';
import { refreshOpenOrders } from '@/lib/hooks/use-open-orders';

/** Re-read every 1.5 s while pending, so the requester sees the decision within ~2 s. */
const POLL_MS = 1500;

function sentence(a: Approval): string {
  switch (a.status) {
    case 'placed': return `Approved by ${a.approver?.username ?? 'another member'}: ${a.kind === 'amend' ? 'amend applied' : 'order placed'}.`;
    case 'rejected': return `Rejected by ${a.approver?.username ?? 'another member'}: ${a.reason ?? 'no reason given'}.`;
    case 'expired': return 'Expired: nobody decided it in time. Nothing was placed.';
    case 'failed': return `Approved, but not placed: ${a.reason ?? 'the exchange refused it'}.`;
    case 'approved': return `Approved by ${a.approver?.username ?? 'another member'}, placing…`;
    default: return `Awaiting approval: worth ${formatDecimal(a.notionalUsd, 2)} USD, above the desk's ${formatDecimal(a.thresholdUsd, 2)} USD four-eyes threshold. A second member must approve it; nothing is placed until then.`;
  }
}

/** The requester's own request, live: shown in the ticket after POST /api/orders (or an amend) answered 202. */
export function ApprovalRequestPanel({ initial, onClose }: { initial: Approval; onClose: () => void }) {
  const [approval, setApproval] = useState(initial);
  const final = FINAL_STATUSES.has(approval.status);
  useEffect(() => {
    if (final) return;
    let stopped = false;
    const timer = setInterval(async () => {
      const result = await getApproval(approval.id);
      if (stopped || !result.ok) return;
      const next = result.data.approval;
      setApproval(next);
      if (!FINAL_STATUSES.has(next.status)) return;
      toast(next.status === 'placed' ? 'success' : 'error', next.status === 'placed' ? 'Approved' : `Request ${next.status}`, sentence(next));
      if (next.status === 'placed') void refreshOpenOrders();
    }, POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [approval.id, final]);
  const tone = approval.status === 'placed' ? 'border-up/60' : final ? 'border-down/70' : 'border-accent';
  return (
    <div role="status" aria-label="Approval request" data-status={approval.status} className={`rounded-md border ${tone} bg-panel-2 p-2 text-xs`}>
      <p className="font-medium">{describeRequest(approval)}</p>
      <p className="mt-1">{sentence(approval)}</p>
      {!final ? <p className="mt-1 text-muted">Expires at {new Date(approval.expiresAt).toLocaleTimeString()}.</p> : null}
      {final ? (
        <Button size="sm" className="mt-2" onClick={onClose}>
          Dismiss
        </Button>
      ) : null}
    </div>
  );
}

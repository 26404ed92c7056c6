'use client';

import dynamic from 'next/dynamic';
import { useState, useSyncExternalStore } from 'react';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/dialog';
import { pendingApprovals } from '@/lib/approvals/client';
import type { ResourceState } from '@/lib/account-client/polled-resource';

// Drawn only once the panel opens: its decide/amend code (and decimal math via the orders overlay) is not part of
// every desk page's first load.
const ApprovalCard = dynamic(() => import('./approval-card').then((m) => m.ApprovalCard), {
  ssr: false,
  loading: () => <li aria-busy="true" className="h-24 rounded-md border border-border bg-panel-2" />,
});

const SERVER = { status: 'loading', data: undefined, error: undefined } as ResourceState<never>;

/**
 * The header's four-eyes badge: how many pending requests this member may decide (never their own; admins only when
 * the policy says so), and the panel to decide them. Hidden for members who may not approve and have nothing waiting.
 */
export function ApprovalsBadge() {
  const state = useSyncExternalStore(pendingApprovals.subscribe, pendingApprovals.getSnapshot, () => SERVER);
  const [open, setOpen] = useState(false);
  const list = state.data;
  const mine = list?.approvals.filter((a) => a.canDecide) ?? [];
  if (!list || (!list.canApprove && list.approvals.length === 0)) return null;
  return (
    <>
      <Button size="sm" aria-label={`Pending approvals: ${mine.length}`} onClick={() => setOpen(true)}>
        Approvals
        {mine.length > 0 ? <span className="rounded-full bg-accent px-1.5 text-xs font-semibold text-white">{mine.length}</span> : null}
      </Button>
      <ModalDialog open={open} title="Pending approvals" onCancel={() => setOpen(false)} closeLabel="Close" width="lg">
        {list.approvals.length === 0 ? <p className="text-sm text-muted">Nothing is waiting for approval.</p> : (
          <ul className="flex flex-col gap-2">
            {list.approvals.map((a) => <ApprovalCard key={a.id} approval={a} />)}
          </ul>
        )}
      </ModalDialog>
    </>
  );
}

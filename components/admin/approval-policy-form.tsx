'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { SelectField, TextField } from '@/components/ui/field';
import type { AdminResult } from './types';
import { useAdminAction } from './use-admin-action';

interface Policy {
  aboveUsd: string | null;
  memberAboveUsd: Record<string, string | null>;
  approvers: 'traders' | 'admins';
  lifetimeMinutes: number;
}

interface Props {
  policy: Policy;
  /** members who can place orders (traders and admins) */
  members: { id: number; username: string }[];
  save: (input: unknown) => Promise<AdminResult>;
}

/** Per-member field text: empty = the desk-wide threshold, "never" = no approval step, else a USD amount. */
const memberText = (value: string | null | undefined) => (value === undefined ? '' : value === null ? 'never' : value);

/**
 * The four-eyes policy on /admin: orders worth more than the threshold (desk-wide, or a member's own) wait for a
 * second member's approval; who may approve; how long a request lives. The server validates every field.
 */
export function ApprovalPolicyForm({ policy, members, save }: Props) {
  const [pending, run] = useAdminAction();
  const [above, setAbove] = useState(policy.aboveUsd ?? '');
  const [approvers, setApprovers] = useState(policy.approvers);
  const [lifetime, setLifetime] = useState(String(policy.lifetimeMinutes));
  const [perMember, setPerMember] = useState<Record<string, string>>(() =>
    Object.fromEntries(members.map((m) => [String(m.id), memberText(policy.memberAboveUsd[String(m.id)])])));

  const submit = () => {
    const memberAboveUsd: Record<string, string | null> = {};
    for (const [id, text] of Object.entries(perMember)) {
      const value = text.trim();
      if (value !== '') memberAboveUsd[id] = value.toLowerCase() === 'never' ? null : value;
    }
    return run('Approval policy', () => save({
      aboveUsd: above.trim() === '' ? null : above.trim(), memberAboveUsd, approvers, lifetimeMinutes: Number(lifetime),
    }));
  };

  return (
    <section aria-labelledby="approval-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="approval-heading" className="text-base font-semibold">Two-person approval</h2>
      <p className="text-sm text-muted">
        Orders (and amends that raise an order&apos;s value) above the threshold wait until a second member approves them. The requester
        can never approve their own; viewers never can.
      </p>
      <form aria-label="Approval policy" className="flex flex-col gap-3" onSubmit={(e) => { e.preventDefault(); void submit(); }}>
        <div className="grid grid-cols-1 items-end gap-2 sm:grid-cols-3">
          <TextField label="Approval above order value (USD)" inputMode="decimal" placeholder="no approval step" value={above}
            hint="Empty: no approval step." onChange={(e) => setAbove(e.target.value)} />
          <SelectField label="Who may approve" value={approvers} onChange={(e) => setApprovers(e.target.value as Policy['approvers'])}>
            <option value="traders">Traders and admins</option>
            <option value="admins">Admins only</option>
          </SelectField>
          <TextField label="Request lifetime (minutes)" inputMode="numeric" value={lifetime} onChange={(e) => setLifetime(e.target.value)} />
        </div>
        {members.length > 0 ? (
          <fieldset className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            <legend className="mb-1 text-xs font-medium text-muted">Per member (empty: the desk-wide threshold; &quot;never&quot;: no approval step)</legend>
            {members.map((m) => (
              <TextField key={m.id} label={`${m.username}: approval above (USD)`} placeholder="desk-wide" value={perMember[String(m.id)] ?? ''}
                onChange={(e) => setPerMember((p) => ({ ...p, [String(m.id)]: e.target.value }))} />
            ))}
          </fieldset>
        ) : null}
        <Button type="submit" disabled={pending} className="self-start">Save approval policy</Button>
      </form>
    </section>
  );
}

'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import { orderTypeLabel } from '@/lib/account-client/order-types';
import { ORDER_TYPES } from '@/lib/desk-api/orders';
import type { AdminActions, AdminLimits, AdminMember } from './types';
import { useAdminAction } from './use-admin-action';

interface Props {
  members: AdminMember[];
  limits: AdminLimits[];
  setLimits: AdminActions['setLimits'];
}

interface Draft {
  maxOrderUsd: string;
  maxDayUsd: string;
  pairs: string;
  types: string[];
}

function draftOf(l: AdminLimits | undefined): Draft {
  return {
    maxOrderUsd: l?.maxOrderUsd ?? '',
    maxDayUsd: l?.maxDayUsd ?? '',
    pairs: l?.allowedPairs?.join(', ') ?? '',
    types: l?.allowedTypes ?? [...ORDER_TYPES],
  };
}

/** Per-member limits: USD per order and per UTC day, allowed pairs and order types. Empty means no limit. */
export function LimitsEditor({ members, limits, setLimits }: Props) {
  const traders = members.filter((m) => m.role !== 'viewer');
  const [memberId, setMemberId] = useState<number | undefined>(traders[0]?.id);
  const current = limits.find((l) => l.memberId === memberId);
  const [draft, setDraft] = useState<Draft>(() => draftOf(current));
  const [pending, run] = useAdminAction();

  const pick = (id: number) => {
    setMemberId(id);
    setDraft(draftOf(limits.find((l) => l.memberId === id)));
  };
  const save = () => {
    if (memberId === undefined) return;
    const pairs = draft.pairs.split(/[\s,]+/).map((p) => p.trim().toUpperCase()).filter(Boolean);
    void run('Saving limits', () =>
      setLimits(memberId, {
        maxOrderUsd: draft.maxOrderUsd.trim() || null,
        maxDayUsd: draft.maxDayUsd.trim() || null,
        allowedPairs: pairs.length ? pairs : null,
        allowedTypes: draft.types.length === ORDER_TYPES.length ? null : draft.types,
      }),
    );
  };

  if (traders.length === 0) return null;
  return (
    <section aria-labelledby="limits-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="limits-heading" className="text-base font-semibold">Trading limits</h2>
      <form
        aria-label="Member limits"
        className="flex flex-col gap-3"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          <SelectField label="Member" value={memberId ?? ''} onChange={(e) => pick(Number(e.target.value))}>
            {traders.map((m) => (
              <option key={m.id} value={m.id}>{m.username}</option>
            ))}
          </SelectField>
          <TextField label="Max per order (USD)" inputMode="decimal" placeholder="no limit" value={draft.maxOrderUsd} onChange={(e) => setDraft({ ...draft, maxOrderUsd: e.target.value })} />
          <TextField label="Max per UTC day (USD)" inputMode="decimal" placeholder="no limit" value={draft.maxDayUsd} onChange={(e) => setDraft({ ...draft, maxDayUsd: e.target.value })} />
        </div>
        <TextField label="Allowed pairs" placeholder="all pairs (or e.g. BTC/USD, ETH/USD)" value={draft.pairs} onChange={(e) => setDraft({ ...draft, pairs: e.target.value })} />
        <fieldset className="flex flex-col gap-1">
          <legend className="text-xs font-medium text-muted">Allowed order types</legend>
          <div className="grid grid-cols-2 gap-1 sm:grid-cols-3">
            {ORDER_TYPES.map((t) => (
              <CheckboxField
                key={t}
                label={orderTypeLabel(t)}
                checked={draft.types.includes(t)}
                onChange={(e) => setDraft({ ...draft, types: e.target.checked ? [...draft.types, t] : draft.types.filter((x) => x !== t) })}
              />
            ))}
          </div>
        </fieldset>
        <div>
          <Button type="submit" variant="primary" disabled={pending}>Save limits</Button>
        </div>
      </form>
    </section>
  );
}

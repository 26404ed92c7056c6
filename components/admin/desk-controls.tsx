'use client';

import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/dialog';
import { TextField } from '@/components/ui/field';
import type { AdminActions, DeskState } from './types';
import { useAdminAction } from './use-admin-action';

interface Props {
  state: DeskState;
  actions: Pick<AdminActions, 'freeze' | 'deadMan' | 'thresholds'>;
}

/** Freeze (confirmed; cancels every open order), the dead-man's switch and the fat-finger thresholds. */
export function DeskControls({ state, actions }: Props) {
  const [pending, run] = useAdminAction();
  const [confirmFreeze, setConfirmFreeze] = useState(false);
  const [slippage, setSlippage] = useState(state.confirmSlippageBps);
  const [notional, setNotional] = useState(state.confirmNotionalUsd);
  return (
    <section aria-labelledby="desk-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="desk-heading" className="text-base font-semibold">Desk controls</h2>
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm">
          Trading is <strong className={state.frozen ? 'text-down' : 'text-up'}>{state.frozen ? 'frozen' : 'open'}</strong>.
        </p>
        {state.frozen ? (
          <Button variant="primary" disabled={pending} onClick={() => void run('Unfreeze', () => actions.freeze(false))}>Unfreeze desk</Button>
        ) : (
          <Button variant="danger" disabled={pending} onClick={() => setConfirmFreeze(true)}>Freeze desk</Button>
        )}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <p className="text-sm">
          Dead-man&apos;s switch is <strong>{state.deadManSwitch ? 'on' : 'off'}</strong>
          <span className="text-muted"> — while on, Kraken cancels every open order if the desk stops for 60 s.</span>
        </p>
        <Button
          role="switch"
          aria-checked={state.deadManSwitch}
          disabled={pending}
          onClick={() => void run("Dead-man's switch", () => actions.deadMan(!state.deadManSwitch))}
        >
          {state.deadManSwitch ? "Turn dead-man's switch off" : "Turn dead-man's switch on"}
        </Button>
      </div>
      <form
        aria-label="Confirmation thresholds"
        className="grid grid-cols-1 items-end gap-2 sm:grid-cols-[1fr_1fr_auto]"
        onSubmit={(e) => {
          e.preventDefault();
          void run('Thresholds', () => actions.thresholds({ confirmSlippageBps: slippage.trim(), confirmNotionalUsd: notional.trim() }));
        }}
      >
        <TextField label="Confirm above slippage (bps)" inputMode="decimal" value={slippage} onChange={(e) => setSlippage(e.target.value)} />
        <TextField label="Confirm above order value (USD)" inputMode="decimal" value={notional} onChange={(e) => setNotional(e.target.value)} />
        <Button type="submit" disabled={pending}>Save thresholds</Button>
      </form>
      <ConfirmDialog
        open={confirmFreeze}
        title="Freeze the desk?"
        confirmLabel="Freeze and cancel all orders"
        cancelLabel="Keep trading"
        danger
        busy={pending}
        onCancel={() => setConfirmFreeze(false)}
        onConfirm={() => void run('Freeze', () => actions.freeze(true)).then(() => setConfirmFreeze(false))}
      >
        New orders will be refused for every member and every open order on the account will be cancelled.
      </ConfirmDialog>
    </section>
  );
}

'use client';

import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { ModalDialog } from '@/components/ui/dialog';
import { reauthOpen, settleReauth, subscribeReauth } from './reauth-store';

export type ReauthAction = (input: { password?: string; code?: string }) => Promise<{ ok: true } | { ok: false; error: { message: string } }>;

/**
 * "Confirm it's you" before a sensitive change: the member's password, or the code from their authenticator
 * when they have one. Opened by requestReauth(); the action that asked is retried once this succeeds.
 */
export function ReauthDialog({ reauth, enrolled }: { reauth: ReauthAction; enrolled: boolean }) {
  const open = useSyncExternalStore(subscribeReauth, reauthOpen, () => false);
  const [method, setMethod] = useState<'password' | 'code'>('password');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const value = String(new FormData(event.currentTarget).get('secret') ?? '');
    setBusy(true);
    try {
      const result = await reauth(method === 'password' ? { password: value } : { code: value });
      if (result.ok) settleReauth(true);
      else setError(result.error.message);
    } catch {
      setError('The desk did not answer. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <ModalDialog open={open} title="Confirm it's you" width="sm" onCancel={() => settleReauth(false)} onOpen={() => setError(null)} onSubmit={submit}>
      <p className="text-sm text-muted">
        Sensitive changes need a confirmation from the last 5 minutes.{' '}
        {method === 'password' ? 'Enter your password.' : 'Enter the 6-digit code from your authenticator app.'}
      </p>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {method === 'password' ? 'Password' : 'Authentication code'}
        <input
          key={method}
          name="secret"
          type={method === 'password' ? 'password' : 'text'}
          autoComplete={method === 'password' ? 'current-password' : 'one-time-code'}
          autoFocus
          required
          aria-invalid={error ? true : undefined}
          className="h-10 rounded-md border border-border bg-panel-2 px-3 font-normal text-text focus:border-accent focus:outline-none"
        />
      </label>
      <p role="alert" className="min-h-5 text-sm text-down">
        {error}
      </p>
      {enrolled ? (
        <button type="button" className="self-start text-sm text-muted underline hover:text-text" onClick={() => setMethod(method === 'password' ? 'code' : 'password')}>
          {method === 'password' ? 'Use my authenticator code instead' : 'Use my password instead'}
        </button>
      ) : null}
      <div className="flex justify-end gap-2">
        <Button onClick={() => settleReauth(false)}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={busy} aria-busy={busy}>
          Confirm
        </Button>
      </div>
    </ModalDialog>
  );
}

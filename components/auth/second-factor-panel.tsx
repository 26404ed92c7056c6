'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/ui/button';
import { withReauth } from './reauth-store';

type Result<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string } };

export interface SecondFactorActions {
  start(): Promise<Result<{ secret: string; uri: string; qr: string }>>;
  confirm(input: { code: string }): Promise<Result<{ recoveryCodes: string[] }>>;
  renew(): Promise<Result<{ recoveryCodes: string[] }>>;
  disable(): Promise<Result<null>>;
}

const codeOf = <T,>(r: Result<T>) => (r.ok ? undefined : r.error.code);

/** Enrol (QR code → a code from the app → recovery codes shown once), renew recovery codes, or turn it off. */
export function SecondFactorPanel({ enrolled, enrolledAt, codesLeft, required, actions }: {
  enrolled: boolean; enrolledAt: string | null; codesLeft: number; required: boolean; actions: SecondFactorActions;
}) {
  const router = useRouter();
  const [enrolment, setEnrolment] = useState<{ secret: string; qr: string } | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run<T>(call: () => Promise<Result<T>>, then: (data: T) => void) {
    setBusy(true);
    setError(null);
    try {
      const result = await withReauth(call, codeOf);
      if (result.ok) then(result.data);
      else setError(result.error.message);
    } catch {
      setError('The desk did not answer. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  async function confirm(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    await run(() => actions.confirm({ code }), (data) => {
      setEnrolment(null);
      setCodes(data.recoveryCodes);
    });
  }

  if (codes) {
    return (
      <section aria-labelledby="codes-title" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4">
        <h2 id="codes-title" className="text-base font-semibold">Your recovery codes</h2>
        <p className="text-sm">
          Each code signs you in once if you lose your authenticator. Keep them somewhere safe: they are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono text-sm">
          {codes.map((code) => <li key={code}>{code}</li>)}
        </ul>
        <Button variant="primary" className="self-start" onClick={() => { setCodes(null); router.refresh(); }}>
          I have saved my recovery codes
        </Button>
      </section>
    );
  }

  return (
    <section aria-labelledby="tfa-title" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4">
      <h2 id="tfa-title" className="text-base font-semibold">Two-factor sign-in</h2>
      {enrolled ? (
        <>
          <p className="text-sm">
            On since {enrolledAt?.slice(0, 10)}. Sign-in asks for a code from your authenticator app after your password.{' '}
            {codesLeft} recovery code{codesLeft === 1 ? '' : 's'} left.
          </p>
          <div className="flex flex-wrap gap-2">
            <Button disabled={busy} onClick={() => run(actions.renew, (data) => setCodes(data.recoveryCodes))}>New recovery codes</Button>
            {required ? null : (
              <Button variant="danger" disabled={busy} onClick={() => run(actions.disable, () => router.refresh())}>Turn off two-factor sign-in</Button>
            )}
          </div>
        </>
      ) : enrolment ? (
        <form onSubmit={confirm} className="flex flex-col gap-3" noValidate>
          <p className="text-sm">Scan this QR code with an authenticator app (Google Authenticator, 1Password, Authy…), then type the code it shows.</p>
          <img src={enrolment.qr} alt="QR code for your authenticator app" width={200} height={200} className="rounded bg-white p-2" />
          <p className="text-sm">
            Or enter this key by hand: <code data-testid="totp-secret" className="break-all font-mono">{enrolment.secret}</code>
          </p>
          <label className="flex flex-col gap-1 text-sm font-medium">
            Code from the app
            <input name="code" inputMode="numeric" autoComplete="one-time-code" required className="h-10 w-40 rounded-md border border-border bg-panel-2 px-3 font-mono tracking-widest" />
          </label>
          <Button type="submit" variant="primary" className="self-start" disabled={busy}>Turn on</Button>
        </form>
      ) : (
        <>
          <p className="text-sm">Off. With it on, signing in needs your password and a code from an app on your phone.</p>
          <Button variant="primary" className="self-start" disabled={busy} onClick={() => run(actions.start, (data) => setEnrolment(data))}>
            Set up authenticator
          </Button>
        </>
      )}
      <p role="alert" className="min-h-5 text-sm text-down">{error}</p>
    </section>
  );
}

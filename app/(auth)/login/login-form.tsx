'use client';

import { useActionState } from 'react';
import { login, type LoginState } from './actions';

const initial: LoginState = { error: null, username: '', step: 'password' };

/** Password first; for a member with a second factor, then the code (one action, the step rides along). */
export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(login, initial);
  if (state.step === 'code') return <CodeForm action={action} pending={pending} error={state.error} username={state.username} />;
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="next" value={next} />
      <div className="flex flex-col gap-1.5">
        <label htmlFor="username" className="text-sm font-medium">
          Username
        </label>
        <input
          id="username"
          name="username"
          type="text"
          autoComplete="username"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          required
          defaultValue={state.username}
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'login-error' : undefined}
          className="h-11 rounded-md border border-border bg-panel-2 px-3 text-text placeholder:text-muted focus:border-accent focus:outline-none"
        />
      </div>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="password" className="text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={state.error ? true : undefined}
          aria-describedby={state.error ? 'login-error' : undefined}
          className="h-11 rounded-md border border-border bg-panel-2 px-3 text-text focus:border-accent focus:outline-none"
        />
      </div>
      <p id="login-error" role="alert" aria-live="assertive" className="min-h-5 text-sm text-down">
        {state.error}
      </p>
      <SubmitButton pending={pending}>Sign in</SubmitButton>
    </form>
  );
}

function CodeForm({ action, pending, error, username }: { action: (form: FormData) => void; pending: boolean; error: string | null; username: string }) {
  return (
    <form action={action} className="flex flex-col gap-4" noValidate>
      <input type="hidden" name="step" value="code" />
      <p className="text-sm text-muted">
        Password accepted{username ? ` for ${username}` : ''}. Enter the 6-digit code from your authenticator app, or one of your recovery codes.
      </p>
      <div className="flex flex-col gap-1.5">
        <label htmlFor="code" className="text-sm font-medium">
          Authentication code
        </label>
        <input
          id="code"
          name="code"
          type="text"
          inputMode="text"
          autoComplete="one-time-code"
          autoCapitalize="none"
          autoCorrect="off"
          spellCheck={false}
          autoFocus
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'code-error' : undefined}
          className="h-11 rounded-md border border-border bg-panel-2 px-3 font-mono tracking-widest text-text focus:border-accent focus:outline-none"
        />
      </div>
      <p id="code-error" role="alert" aria-live="assertive" className="min-h-5 text-sm text-down">
        {error}
      </p>
      <SubmitButton pending={pending}>Verify</SubmitButton>
      <a href="/login" className="text-center text-sm text-muted underline hover:text-text">
        Start again
      </a>
    </form>
  );
}

function SubmitButton({ pending, children }: { pending: boolean; children: string }) {
  return (
    <button
      type="submit"
      disabled={pending}
      aria-busy={pending}
      className="h-11 rounded-md bg-accent font-medium text-white transition-opacity hover:opacity-90 disabled:cursor-wait disabled:opacity-60"
    >
      {children}
    </button>
  );
}

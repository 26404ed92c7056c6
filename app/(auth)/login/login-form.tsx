'use client';

import { useActionState } from 'react';
import { login, type LoginState } from './actions';

const initial: LoginState = { error: null, username: '' };

export function LoginForm({ next }: { next: string }) {
  const [state, action, pending] = useActionState(login, initial);
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
      <button
        type="submit"
        disabled={pending}
        aria-busy={pending}
        className="h-11 rounded-md bg-accent font-medium text-white transition-opacity hover:opacity-90 disabled:cursor-wait disabled:opacity-60"
      >
        Sign in
      </button>
    </form>
  );
}

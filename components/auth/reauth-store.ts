'use client';

/**
 * One "confirm it's you" dialog per page (ReauthDialog, mounted by the desk layout). Anything that got a
 * `reauth_required` answer asks for it with `requestReauth()` and retries once it resolves true.
 */
type Listener = () => void;

let pending: { resolve: (ok: boolean) => void } | null = null;
const listeners = new Set<Listener>();

export function subscribeReauth(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reauthOpen(): boolean {
  return pending !== null;
}

/** Opens the dialog (or joins the one already open); true once the member confirmed, false if they cancelled. */
export function requestReauth(): Promise<boolean> {
  if (pending) {
    const first = pending;
    return new Promise((resolve) => {
      const previous = first.resolve;
      first.resolve = (ok) => {
        previous(ok);
        resolve(ok);
      };
    });
  }
  return new Promise((resolve) => {
    pending = { resolve };
    listeners.forEach((l) => l());
  });
}

export function settleReauth(ok: boolean): void {
  const current = pending;
  pending = null;
  listeners.forEach((l) => l());
  current?.resolve(ok);
}

export const REAUTH_REQUIRED = 'reauth_required';

/** Runs a server action; on `reauth_required` asks the member to confirm and runs it once more. */
export async function withReauth<T extends { ok: boolean }>(call: () => Promise<T>, codeOf: (result: T) => string | undefined): Promise<T> {
  const first = await call();
  if (first.ok || codeOf(first) !== REAUTH_REQUIRED) return first;
  return (await requestReauth()) ? call() : first;
}

/** fetch for sensitive JSON API calls (e.g. approvals): a 403 `reauth_required` opens the dialog and the request is sent again. */
export async function fetchWithReauth(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const response = await fetch(input, init);
  if (response.status !== 403) return response;
  const body = (await response.clone().json().catch(() => null)) as { error?: { code?: string } } | null;
  if (body?.error?.code !== REAUTH_REQUIRED) return response;
  return (await requestReauth()) ? fetch(input, init) : response;
}

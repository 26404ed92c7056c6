/** Helpers for mirror tests: a source exchange scripted through /control and signed private calls to a mirror. */
import { type RunningExchange } from '../exchange';
import { KEY, signedForm } from '../trading/test-helpers';
import { waitFor } from '../../testing/wait-for';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Loose = any;

export async function control(ex: RunningExchange, path: string, body?: unknown): Promise<Loose> {
  const res = await fetch(`${ex.controlUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await res.json()) as Loose;
  if (res.status !== 200) throw new Error(`${path} → ${res.status} ${JSON.stringify(json)}`);
  return json;
}

export async function publicCall(ex: RunningExchange, method: string, query = ''): Promise<Loose> {
  return (await fetch(`${ex.restUrl}/0/public/${method}${query ? `?${query}` : ''}`)).json();
}

/**
 * A private REST call with the test key; returns Kraken's envelope. Tests poll order state, so a call the
 * exchange's REST rate counter refuses waits for the counter to decay and is asked again (bounded).
 */
export async function privateCall(ex: RunningExchange, method: string, params: Record<string, string> = {}): Promise<Loose> {
  for (let attempt = 1; ; attempt++) {
    const { body, sign } = signedForm(method, params);
    const res = await fetch(`${ex.restUrl}/0/private/${method}`, {
      method: 'POST',
      headers: { 'API-Key': KEY, 'API-Sign': sign, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const answer = (await res.json()) as Loose;
    if (!answer.error?.includes('EAPI:Rate limit exceeded') || attempt >= 20) return answer;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/**
 * Polls until `check` returns a value that is not undefined (bounded: throws after `timeoutMs`); the mirror
 * tests' spelling of server/testing/wait-for.ts, with the question first.
 */
export async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 8000): Promise<T> {
  return (await waitFor(check, `timed out waiting for ${what}`, { timeoutMs, intervalMs: 50 })) as T;
}

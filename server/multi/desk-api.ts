/** A member's HTTP view of desk instances (session cookie + same-origin Origin), for the multi-instance proofs. */
import { sealData } from 'iron-session';
import type { DeskDb, Member } from '../../lib/db';
import { SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import type { DeskInstance } from './instances';

export interface Answer {
  status: number;
  body: Record<string, unknown> | null;
  /** the response's error code, or `network` when the instance did not answer */
  code?: string;
}

/** The cookie a sign-in on any instance would set (its session row in the shared store; every instance shares SESSION_PASSWORD). */
export async function sessionCookie(db: DeskDb, member: Member, password: string): Promise<string> {
  return `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(await startSession(db, member), { password, ttl: SESSION_TTL_SECONDS }))}`;
}

/** One request as the browser would send it; network failures (a killed instance) are answers too. */
export async function call(instance: DeskInstance, cookie: string, method: string, path: string, body?: unknown): Promise<Answer> {
  try {
    const res = await fetch(`${instance.origin}${path}`, {
      method,
      headers: { cookie, origin: instance.origin, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as Record<string, unknown>) : null;
    const error = parsed?.error as { code?: string } | undefined;
    return { status: res.status, body: parsed, code: error?.code };
  } catch {
    return { status: 0, body: null, code: 'network' };
  }
}

/** Runs `tasks` with at most `limit` in flight. */
export async function inPool<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  }));
  return results;
}

/** `{ code: count }` of a list of answers (status when there is no code). */
export function tally(answers: Answer[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of answers) {
    const key = a.code ?? String(a.status);
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

import type { AuditRepository } from '../db/audit';
import { log } from '../log';

/**
 * Keeps unauthenticated or repeated noise (failed and throttled logins, refused requests) from
 * flooding the append-only audit log. Per key (e.g. action + account + IP) and window, the first
 * attempt writes a row at once (`count: 1`); later ones are only counted, and one summary row with
 * their count is written when the window has closed — on the next attempt of any key, on the timer,
 * or on `flush()`. Past `maxKeys` open windows, new keys share one overflow window, so the number of
 * rows per window is bounded whatever an attacker varies.
 */

export interface WindowedAttempt {
  action: string;
  actor: { id: number | null; username: string };
  outcome: 'error' | 'refused';
  detail: Record<string, unknown>;
  subject?: string | null;
}

export interface AuditWindowOptions {
  windowMs?: number;
  maxKeys?: number;
  now?: () => number;
  /** Close windows on a timer too (off in tests that drive `now`). */
  timer?: boolean;
}

interface OpenWindow {
  openedAt: number;
  /** attempts after the first, not yet written */
  unwritten: number;
  last: WindowedAttempt;
}

const OVERFLOW_KEY = '\u0000overflow';

export class AuditWindow {
  private readonly open = new Map<string, OpenWindow>();
  private readonly windowMs: number;
  private readonly maxKeys: number;
  private readonly now: () => number;
  /** Rows are appended one after another so counts land in order. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly audit: () => AuditRepository,
    options: AuditWindowOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 50;
    this.now = options.now ?? Date.now;
    if (options.timer !== false) setInterval(() => void this.closeExpired(), this.windowMs).unref();
  }

  /** Counts one attempt; resolves once any row it caused is committed. */
  note(key: string, attempt: WindowedAttempt): Promise<void> {
    const now = this.now();
    this.closeExpired(now);
    let windowKey = key;
    let row = attempt;
    if (!this.open.has(key) && this.open.size >= this.maxKeys) {
      windowKey = OVERFLOW_KEY;
      row = { ...attempt, actor: { id: null, username: '(many)' }, subject: null, detail: { overflow: true, note: `more than ${this.maxKeys} sources in one window` } };
    }
    const current = this.open.get(windowKey);
    if (current) {
      current.unwritten += 1;
      current.last = row;
      return this.writes.then(() => undefined);
    }
    this.open.set(windowKey, { openedAt: now, unwritten: 0, last: row });
    return this.write(row, { count: 1 });
  }

  /** Writes the summary of every window, open or not (shutdown, tests). */
  flush(): Promise<void> {
    return this.closeExpired(Number.POSITIVE_INFINITY);
  }

  private closeExpired(now = this.now()): Promise<void> {
    for (const [key, window] of this.open) {
      if (now - window.openedAt < this.windowMs) continue;
      this.open.delete(key);
      if (window.unwritten > 0) {
        const to = Number.isFinite(now) ? Math.min(now, window.openedAt + this.windowMs) : this.now();
        // Nobody awaits a summary row: a failed write (the log closed, the store down) is reported, not thrown.
        this.write(window.last, { count: window.unwritten, summary: true, from: new Date(window.openedAt).toISOString(), to: new Date(to).toISOString() })
          .catch((error: unknown) => log.error({ err: error }, 'could not write an audit summary row'));
      }
    }
    return this.writes.then(() => undefined);
  }

  private write(attempt: WindowedAttempt, counts: Record<string, unknown>): Promise<void> {
    const next = this.writes.then(() =>
      this.audit().append({
        actorId: attempt.actor.id, actor: attempt.actor.username, action: attempt.action, phase: 'event',
        detail: { ...attempt.detail, ...counts }, subject: attempt.subject ?? null, outcome: attempt.outcome,
      }),
    );
    // A failed write must not wedge every later one; the error still reaches this caller.
    this.writes = next.catch(() => undefined);
    return next.then(() => undefined);
  }
}

/** Attacker-typed text for an audit row: printable ASCII only, at most `max` characters. */
export function auditSafeText(text: string, max = 64): string {
  const printable = text.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max - 3)}...` : printable;
}

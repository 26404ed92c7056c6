import { noteRefusalIn, refusalWindow } from '../auth/refusal-audit';
import type { AuditRecord, AuditRepository } from '../db/audit';

/** Who did something: a member, or the desk itself (dead-man's switch loop, start-up reconciliation). */
export interface Actor {
  id: number | null;
  username: string;
}

export const SYSTEM_ACTOR: Actor = { id: null, username: 'system' };

/** Records a non-Kraken event (login, failed login, role or limit change, desk control). */
export function auditEvent(
  audit: AuditRepository,
  actor: Actor,
  action: string,
  detail: unknown = {},
  options: { subject?: string; outcome?: 'ok' | 'error' } = {},
): Promise<AuditRecord> {
  return audit.append({ actorId: actor.id, actor: actor.username, action, phase: 'event', detail, subject: options.subject ?? null, outcome: options.outcome ?? 'ok' });
}

/**
 * Records an attempt the desk turned down before any Kraken call: `reason` is the refusal's code (e.g.
 * `limit_daily_notional`, `desk_frozen`, `forbidden`, `cross_origin`), `detail` what was asked. Goes through the
 * audit log's refusal window (lib/auth/refusal-audit.ts): the first refusal per actor, reason and action in a
 * minute is written at once, repeats are counted into one summary row.
 */
export function auditRefusal(
  audit: AuditRepository,
  actor: Actor,
  action: string,
  reason: string,
  detail: Record<string, unknown> = {},
  subject?: string,
): Promise<void> {
  return noteRefusalIn(refusalWindow(audit), { actor, action, reason, detail, subject });
}

/**
 * Runs one signed Kraken call between an intent row (committed before the call) and a result row.
 * `describe` turns the outcome into the result detail; a thrown error whose outcome is unknown
 * (`unknownOutcome(error)`) is recorded as `unknown`, any other as `error`.
 */
export async function auditedCall<T>(
  audit: AuditRepository,
  intent: { actor: Actor; action: string; subject?: string; idempotencyKey?: string; detail: unknown },
  call: () => Promise<T>,
  describe: { ok: (value: T) => unknown; error: (error: unknown) => { outcome: 'error' | 'unknown'; detail: unknown } },
): Promise<T> {
  const row = await audit.append({
    actorId: intent.actor.id, actor: intent.actor.username, action: intent.action, phase: 'intent',
    subject: intent.subject ?? null, idempotencyKey: intent.idempotencyKey ?? null, detail: intent.detail,
  });
  let value: T;
  try {
    value = await call();
  } catch (error) {
    const failed = describe.error(error);
    await audit.complete(row.seq, failed.outcome, failed.detail);
    throw error;
  }
  await audit.complete(row.seq, 'ok', describe.ok(value));
  return value;
}

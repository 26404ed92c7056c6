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
  intent: AuditIntent,
  call: () => Promise<T>,
  describe: AuditDescribe<T>,
): Promise<T> {
  const { value, recorded } = await auditedCallRecordedLater(audit, intent, call, describe);
  await recorded;
  return value;
}

export interface AuditIntent {
  actor: Actor;
  action: string;
  subject?: string;
  idempotencyKey?: string;
  detail: unknown;
}

export interface AuditDescribe<T> {
  ok: (value: T) => unknown;
  error: (error: unknown) => { outcome: 'error' | 'unknown'; detail: unknown };
}

/**
 * As auditedCall, but a successful call's result row is written while the caller goes on: `recorded` settles when
 * it is written, and the caller awaits it before answering. The order path settles its own row (and reads the
 * order's status back) meanwhile, which on PostgreSQL saves a round trip per order. A failed call is recorded
 * before the error is thrown, as by auditedCall.
 */
export async function auditedCallRecordedLater<T>(
  audit: AuditRepository,
  intent: AuditIntent,
  call: () => Promise<T>,
  describe: AuditDescribe<T>,
): Promise<{ value: T; recorded: Promise<void> }> {
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
  const recorded = audit.complete(row.seq, 'ok', describe.ok(value)).then(() => undefined);
  // the caller awaits it after its own work; until then a failure must not count as unhandled
  recorded.catch(() => undefined);
  return { value, recorded };
}

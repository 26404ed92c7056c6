import type { AuditRepository } from '../db/audit';
import { AuditWindow, auditSafeText } from './audit-window';

/**
 * The one mechanism for refused attempts — wrong role, foreign Origin, the order checks (limits, frozen desk, pair
 * rules, rate budget), refused feed frames: per actor, reason, attempt and subject and per minute, the first refusal is written
 * at once (`count: 1`) and later ones are counted into one summary row, so refusals cannot flood the audit log.
 */

// Kept on the repository object under a global symbol: every Next bundle, the proxy and the custom server that share
// one database then share one window, while tests with their own database get their own.
const WINDOW = Symbol.for('kraken-desk.refusal-window');

type Holder = AuditRepository & { [WINDOW]?: AuditWindow };

/** The refusal window of an audit log (or of the log a function returns, resolved now). */
export function refusalWindow(audit: AuditRepository | (() => AuditRepository)): AuditWindow {
  const repository = (typeof audit === 'function' ? audit() : audit) as Holder;
  repository[WINDOW] ??= new AuditWindow(() => repository);
  return repository[WINDOW];
}

export interface Refusal {
  actor: { id: number | null; username: string };
  /** what was attempted: `order.place`, `POST /api/desk/freeze`, `server action /admin` */
  action: string;
  /** the refusal's code */
  reason: string;
  detail?: Record<string, unknown>;
  subject?: string | null;
}

/** Notes one refusal in `window`; resolves once a row it caused is committed. */
export function noteRefusalIn(window: AuditWindow, refusal: Refusal): Promise<void> {
  const action = auditSafeText(refusal.action, 120);
  // The subject (an order's pair or id) is part of the key: refusals of different orders are different attempts.
  const subject = refusal.subject ? auditSafeText(refusal.subject, 64) : null;
  return window.note(`${refusal.actor.id}\u0000${refusal.reason}\u0000${action}\u0000${subject ?? ''}`, {
    action, actor: refusal.actor, outcome: 'refused', subject, detail: { reason: refusal.reason, ...refusal.detail },
  });
}

/** A signed-in member's refused request (role, Origin), as the wrapper and the proxy report it. */
export function noteRefusal(window: AuditWindow, member: { id: number; username: string }, what: string, reason: string, detail: Record<string, unknown>): Promise<void> {
  return noteRefusalIn(window, { actor: { id: member.id, username: member.username }, action: what, reason, detail });
}

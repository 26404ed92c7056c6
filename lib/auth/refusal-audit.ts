import type { AuditRepository } from '../db/audit';
import type { Member } from '../db/members';
import { AuditWindow, auditSafeText } from './audit-window';

// On globalThis: route handlers, server actions and the proxy (proxy.ts) all count into one window.
const REFUSALS = Symbol.for('kraken-desk.refusal-window');

/** The process-wide window for refused attempts of signed-in members (wrong role, bad Origin). */
export function refusalWindow(audit: () => AuditRepository): AuditWindow {
  const holder = globalThis as typeof globalThis & { [REFUSALS]?: AuditWindow };
  holder[REFUSALS] ??= new AuditWindow(audit);
  return holder[REFUSALS];
}

/** One row per member/reason/attempt per minute, with a count (see AuditWindow). */
export function noteRefusal(window: AuditWindow, member: Member, what: string, reason: string, detail: Record<string, unknown>): Promise<void> {
  return window.note(`${member.id}\u0000${reason}\u0000${what}`, {
    action: auditSafeText(what, 120), actor: { id: member.id, username: member.username }, outcome: 'refused', detail: { reason, ...detail },
  });
}

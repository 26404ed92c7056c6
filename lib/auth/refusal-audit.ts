import type { AuditRepository } from '../db/audit';
import type { Member } from '../db/members';
import { processEntry } from '../desk-services';
import { AuditWindow, auditSafeText } from './audit-window';

/**
 * The process-wide window for refused attempts of signed-in members (wrong role, bad Origin): a registry
 * entry, so route handlers, server actions and the proxy (proxy.ts) all count into one window.
 */
export function refusalWindow(audit: () => AuditRepository): AuditWindow {
  return processEntry('refusals', () => new AuditWindow(audit));
}

/** One row per member/reason/attempt per minute, with a count (see AuditWindow). */
export function noteRefusal(window: AuditWindow, member: Member, what: string, reason: string, detail: Record<string, unknown>): Promise<void> {
  return window.note(`${member.id}\u0000${reason}\u0000${what}`, {
    action: auditSafeText(what, 120), actor: { id: member.id, username: member.username }, outcome: 'refused', detail: { reason, ...detail },
  });
}

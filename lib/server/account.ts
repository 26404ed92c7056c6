import 'server-only';
import { auditEvent, type Actor } from '@/lib/audit/events';
import { getDb } from './db';

/**
 * Records a non-order event in the audit log: `login`, `login.failed`, `logout`, `member.create`, `member.role`,
 * `member.disable`, `member.enable`, `member.password_reset`… Detail must never hold a password or key.
 */
export function recordAuditEvent(actor: Actor, action: string, detail: unknown = {}, options: { subject?: string; outcome?: 'ok' | 'error' } = {}) {
  return auditEvent(getDb().audit, actor, action, detail, options);
}

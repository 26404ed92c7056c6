import 'server-only';
import { AuditWindow } from '../auth/audit-window';
import { refusalWindow } from '../auth/refusal-audit';
import { SharedLoginThrottle } from '../auth/shared-throttle';
import { LoginThrottle, type LoginGate } from '../auth/throttle';
import { processEntry } from '../desk-services';
import { getDb } from './db';

// Registry entries (lib/desk-services.ts): every Next bundle in the process counts failures (and aggregates
// their audit rows) in one place.

export function getLoginThrottle(): LoginGate {
  // Several instances on PostgreSQL count failures together; one process counts in memory.
  return processEntry('login-throttle', () => {
    const shared = getDb().shared.throttleStore;
    return shared ? new SharedLoginThrottle(shared) : new LoginThrottle();
  });
}

/** Failed, throttled and busy sign-ins: one audit row per account/IP per minute, plus a count. */
export function getLoginFailureWindow(): AuditWindow {
  return processEntry('login-failures', () => new AuditWindow(() => getDb().audit));
}

/** Refused requests of signed-in members (wrong role, bad Origin): one row per member/reason/action per minute. */
export function getRefusalWindow(): AuditWindow {
  return refusalWindow(() => getDb().audit);
}

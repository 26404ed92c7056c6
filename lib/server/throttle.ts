import 'server-only';
import { AuditWindow } from '../auth/audit-window';
import { refusalWindow } from '../auth/refusal-audit';
import { LoginThrottle } from '../auth/throttle';
import { processEntry } from '../desk-services';
import { getDb } from './db';

// Registry entries (lib/desk-services.ts): every Next bundle in the process counts failures (and aggregates
// their audit rows) in one place.

export function getLoginThrottle(): LoginThrottle {
  return processEntry('login-throttle', () => new LoginThrottle());
}

/** Failed, throttled and busy sign-ins: one audit row per account/IP per minute, plus a count. */
export function getLoginFailureWindow(): AuditWindow {
  return processEntry('login-failures', () => new AuditWindow(() => getDb().audit));
}

/** Refused requests of signed-in members (wrong role, bad Origin): one row per member/reason/action per minute. */
export function getRefusalWindow(): AuditWindow {
  return refusalWindow(() => getDb().audit);
}

import 'server-only';
import { AuditWindow } from '../auth/audit-window';
import { refusalWindow } from '../auth/refusal-audit';
import { SharedLoginThrottle } from '../auth/shared-throttle';
import { LoginThrottle, type LoginGate } from '../auth/throttle';
import { getDb } from './db';

// On globalThis so every Next bundle in the process counts failures (and aggregates their audit rows) in one place.
const THROTTLE = Symbol.for('kraken-desk.login-throttle');
const FAILURES = Symbol.for('kraken-desk.login-failure-window');

type Holder = typeof globalThis & { [THROTTLE]?: LoginGate; [FAILURES]?: AuditWindow };

export function getLoginThrottle(): LoginGate {
  const holder = globalThis as Holder;
  // Several instances on PostgreSQL count failures together; one process counts in memory.
  const shared = getDb().shared.throttleStore;
  holder[THROTTLE] ??= shared ? new SharedLoginThrottle(shared) : new LoginThrottle();
  return holder[THROTTLE];
}

/** Failed, throttled and busy sign-ins: one audit row per account/IP per minute, plus a count. */
export function getLoginFailureWindow(): AuditWindow {
  const holder = globalThis as Holder;
  holder[FAILURES] ??= new AuditWindow(() => getDb().audit);
  return holder[FAILURES];
}

/** Refused requests of signed-in members (wrong role, bad Origin): one row per member/reason/action per minute. */
export function getRefusalWindow(): AuditWindow {
  return refusalWindow(() => getDb().audit);
}

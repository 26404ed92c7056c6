import 'server-only';
import { AuditWindow } from '../auth/audit-window';
import { refusalWindow } from '../auth/refusal-audit';
import { LoginThrottle } from '../auth/throttle';
import { getDb } from './db';

// On globalThis so every Next bundle in the process counts failures (and aggregates their audit rows) in one place.
const THROTTLE = Symbol.for('kraken-desk.login-throttle');
const FAILURES = Symbol.for('kraken-desk.login-failure-window');

type Holder = typeof globalThis & { [THROTTLE]?: LoginThrottle; [FAILURES]?: AuditWindow };

export function getLoginThrottle(): LoginThrottle {
  const holder = globalThis as Holder;
  holder[THROTTLE] ??= new LoginThrottle();
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

import 'server-only';
import { createSecretBox } from '../auth/secret-box';
import { codeThrottle, type SecondFactorDeps } from '../auth/second-factor';
import type { LoginGate } from '../auth/throttle';
import { processEntry } from '../desk-services';
import { resolveSessionPassword } from '../session';
import { getDb } from './db';
import { getEnv } from './env';

/**
 * Wrong 2FA codes (CODE_THROTTLE in lib/auth/second-factor.ts). A registry entry like the login throttle
 * (lib/server/throttle.ts): every Next bundle counts in one place, and several instances on PostgreSQL count together.
 */
export function getCodeThrottle(): LoginGate {
  return processEntry('code-throttle', () => codeThrottle(getDb().shared.throttleStore));
}

export function secondFactorDeps(): SecondFactorDeps {
  const box = processEntry('second-factor-box', () => createSecretBox(resolveSessionPassword(getEnv())));
  return { db: getDb(), box, throttle: getCodeThrottle() };
}

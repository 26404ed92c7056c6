import 'server-only';
import { createSecretBox } from '../auth/secret-box';
import type { SecondFactorDeps } from '../auth/second-factor';
import { LoginThrottle } from '../auth/throttle';
import { processEntry } from '../desk-services';
import { resolveSessionPassword } from '../session';
import { getDb } from './db';
import { getEnv } from './env';

/**
 * Wrong 2FA codes: 3 free per member, then 5 s doubling up to 15 min (a 6-digit code is far easier to guess than a
 * password). A registry entry like the login throttle (lib/server/throttle.ts): every Next bundle counts in one place.
 */
export function getCodeThrottle(): LoginThrottle {
  return processEntry('code-throttle', () => new LoginThrottle({ account: { freeFailures: 3, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 } }));
}

export function secondFactorDeps(): SecondFactorDeps {
  const box = processEntry('second-factor-box', () => createSecretBox(resolveSessionPassword(getEnv())));
  return { db: getDb(), box, throttle: getCodeThrottle() };
}

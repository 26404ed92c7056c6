import 'server-only';
import { createSecretBox, type SecretBox } from '../auth/secret-box';
import type { SecondFactorDeps } from '../auth/second-factor';
import { LoginThrottle } from '../auth/throttle';
import { resolveSessionPassword } from '../session';
import { getDb } from './db';
import { getEnv } from './env';

// On globalThis like the login throttle (lib/server/throttle.ts): every Next bundle must count wrong codes in one place.
const CODE_THROTTLE = Symbol.for('kraken-desk.code-throttle');
type Holder = typeof globalThis & { [CODE_THROTTLE]?: LoginThrottle };

/** Wrong 2FA codes: 3 free per member, then 5 s doubling up to 15 min (a 6-digit code is far easier to guess than a password). */
export function getCodeThrottle(): LoginThrottle {
  const holder = globalThis as Holder;
  holder[CODE_THROTTLE] ??= new LoginThrottle({ account: { freeFailures: 3, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 } });
  return holder[CODE_THROTTLE];
}

let box: SecretBox | undefined;

export function secondFactorDeps(): SecondFactorDeps {
  box ??= createSecretBox(resolveSessionPassword(getEnv()));
  return { db: getDb(), box, throttle: getCodeThrottle() };
}

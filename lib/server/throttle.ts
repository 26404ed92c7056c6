import 'server-only';
import { LoginThrottle } from '../auth/throttle';

// On globalThis so every Next bundle in the process counts failures in one place.
const KEY = Symbol.for('kraken-desk.login-throttle');

export function getLoginThrottle(): LoginThrottle {
  const holder = globalThis as typeof globalThis & { [KEY]?: LoginThrottle };
  holder[KEY] ??= new LoginThrottle();
  return holder[KEY];
}

import type { Env } from './env';
import { publicOriginOf } from './session';

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/**
 * Which browser origins may open `/ws` and send mutating API requests: the desk's public origin, any
 * listed in ALLOWED_ORIGINS, and — when the desk is served on a loopback address — the other spellings
 * of loopback on the same port (a demo printed as 127.0.0.1 is often opened as localhost).
 */
export function createOriginPolicy(env: Pick<Env, 'PUBLIC_ORIGIN' | 'HOST' | 'PORT' | 'ALLOWED_ORIGINS'>): (origin: string | undefined | null) => boolean {
  const allowed = new Set<string>();
  const primary = new URL(publicOriginOf(env));
  allowed.add(primary.origin);
  if (LOOPBACK.includes(primary.hostname)) {
    for (const host of LOOPBACK) allowed.add(`${primary.protocol}//${host}${primary.port ? `:${primary.port}` : ''}`);
  }
  for (const extra of (env.ALLOWED_ORIGINS ?? '').split(',')) {
    const trimmed = extra.trim();
    if (!trimmed) continue;
    try {
      allowed.add(new URL(trimmed).origin);
    } catch {
      // loadEnv accepts free text here; an unparsable entry simply allows nothing
    }
  }
  return (origin) => {
    if (!origin) return false;
    try {
      return allowed.has(new URL(origin).origin);
    } catch {
      return false;
    }
  };
}

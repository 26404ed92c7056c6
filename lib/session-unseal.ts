import { unsealData } from 'iron-session';

/**
 * Unsealing the session cookie costs several WebCrypto calls (two PBKDF2 key derivations, an HMAC, an AES
 * decryption), each a hop to libuv's thread pool: about 1 ms per request on a quiet machine, several under load,
 * and every API call and page pays it. A seal never changes and is checked once: the same string under the same
 * password unseals to the same data until its own expiration. So seals this process has verified are remembered
 * (successful ones only, so a flood of junk cookies fills nothing), at most `max` of them, and never past the
 * expiration the seal carries. Revocation is untouched: the data names the member and the session row, and those
 * rows are read on every request (lib/session.ts resolveMember).
 */
export interface UnsealCache {
  unseal(seal: string, password: string, ttlSeconds: number): Promise<unknown>;
  readonly size: number;
}

/** The expiration (ms since the epoch) sealed into an iron seal (`Fe26.2*id*salt*iv*data*expiration*salt*hmac~2`). */
export function sealExpiration(seal: string): number | null {
  const parts = seal.split('~')[0]!.split('*');
  const expiration = parts.length === 8 ? parts[5]! : '';
  return /^\d+$/.test(expiration) ? Number(expiration) : null;
}

type Unseal = (seal: string, options: { password: string; ttl: number }) => Promise<Record<string, unknown>>;

/** @param options.unseal iron-session's unsealData unless a test counts the calls */
export function createUnsealCache(options: { max?: number; now?: () => number; unseal?: Unseal } = {}): UnsealCache {
  const max = options.max ?? 1_000;
  const now = options.now ?? Date.now;
  const unsealSeal: Unseal = options.unseal ?? ((seal, o) => unsealData<Record<string, unknown>>(seal, o));
  const known = new Map<string, { password: string; data: unknown; expiresAt: number }>();
  return {
    get size() {
      return known.size;
    },
    async unseal(seal, password, ttlSeconds) {
      const hit = known.get(seal);
      if (hit && hit.password === password && now() < hit.expiresAt) return structuredClone(hit.data);
      if (hit) known.delete(seal);
      const data = await unsealSeal(seal, { password, ttl: ttlSeconds });
      const expiresAt = sealExpiration(seal);
      if (expiresAt !== null && Object.keys(data).length > 0) {
        if (known.size >= max) known.delete(known.keys().next().value!);
        known.set(seal, { password, data: structuredClone(data), expiresAt });
      }
      return data;
    },
  };
}

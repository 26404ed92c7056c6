import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { processEntry } from '../desk-services';
import { WorkSlots } from './work-slots';

/**
 * Password hashing with scrypt (N = 2^17, r = 8, p = 1: about 128 MiB and a few hundred ms per
 * hash, OWASP's recommendation). The parameters travel inside the encoded hash,
 * `scrypt$<log2 N>$<r>$<p>$<salt b64>$<hash b64>`, so they can be raised later without breaking
 * existing members. Uses the callback API: hashing runs on libuv's thread pool, never blocking
 * the event loop that serves everyone else.
 */

export interface ScryptParams {
  logN: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT_PARAMS: Readonly<ScryptParams> = { logN: 17, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const ENCODED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/;

function derive(password: string, salt: Buffer, { logN, r, p }: ScryptParams, keyLength: number): Promise<Buffer> {
  const N = 2 ** logN;
  // Node refuses scrypt above 32 MiB unless maxmem is raised; 128 * N * r bytes is what it needs.
  const options: ScryptOptions = { N, r, p, maxmem: 2 * 128 * N * r };
  return scryptSlots().run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key)));
      }),
  );
}

/**
 * Every scrypt in the process runs through this: at most 2 at once (each takes ~128 MiB; the desk
 * targets 2 cores) and at most 32 waiting, so a burst of logins costs bounded memory, not 128 MiB each.
 * A process registry entry: the custom server and every Next bundle share the one cap.
 */
export function scryptSlots(): WorkSlots {
  return processEntry('scrypt-slots', () => new WorkSlots(2, 32));
}

/** Hashes `password` with a fresh random 16-byte salt; `params` exist for tests and future upgrades. */
export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `scrypt$${params.logN}$${params.r}$${params.p}$${salt.toString('base64')}$${key.toString('base64')}`;
}

/** Reads the parameters out of an encoded hash, or null when it is not one of ours. */
export function parsePasswordHash(encoded: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const match = ENCODED.exec(encoded);
  if (!match) return null;
  const [, logN, r, p, salt, key] = match;
  const params = { logN: Number(logN), r: Number(r), p: Number(p) };
  // Refuse absurd costs so a tampered row cannot make a login allocate gigabytes.
  if (params.logN < 1 || params.logN > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  return { params, salt: Buffer.from(salt!, 'base64'), key: Buffer.from(key!, 'base64') };
}

/** True when `password` matches `encoded`; compares in constant time. A malformed hash never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parsed = parsePasswordHash(encoded);
  if (!parsed || parsed.key.length === 0) return false;
  const candidate = await derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(candidate, parsed.key);
}

/**
 * A hash of a random password with the default parameters, made once per process. Login verifies
 * against it when the username does not exist, so the response takes as long as a real check and
 * timing does not reveal which usernames exist. The services' start warms it (a registry entry, shared
 * by every bundle), so the first miss is not slower than a hit.
 */
export function getDummyPasswordHash(): Promise<string> {
  return processEntry('dummy-password-hash', () => hashPassword(randomBytes(24).toString('base64')));
}

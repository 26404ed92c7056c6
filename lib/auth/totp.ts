import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * TOTP (RFC 6238) over HOTP (RFC 4226) with node:crypto, the way every authenticator app reads an
 * `otpauth://totp/…` URI: 6 digits, 30-second steps, HMAC-SHA1, a 160-bit secret in base32.
 */

export const TOTP_STEP_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Steps either side of now that still count: a phone clock a little off, or a code typed as it rolls over. */
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

/** Decodes base32 (any case, spaces and `=` padding ignored); throws on other characters. */
export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=]/g, '').toUpperCase();
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index === -1) throw new Error('not a base32 secret');
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export type HashName = 'sha1' | 'sha256' | 'sha512';

/** RFC 4226 §5.3: HMAC of the 8-byte counter, dynamic truncation, `digits` decimal digits. */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, hash: HashName = 'sha1'): string {
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(hash, key).update(message).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return binary.toString().padStart(digits, '0');
}

/** The time step (RFC 6238's T) for a moment in milliseconds since the epoch. */
export function totpStep(nowMs: number, stepSeconds = TOTP_STEP_SECONDS): number {
  return Math.floor(nowMs / 1000 / stepSeconds);
}

export function totp(key: Uint8Array, nowMs: number, options: { digits?: number; hash?: HashName } = {}): string {
  return hotp(key, totpStep(nowMs), options.digits ?? TOTP_DIGITS, options.hash ?? 'sha1');
}

/**
 * The time step whose code matches `code` within ±TOTP_WINDOW steps of now, or null. The caller keeps the
 * highest step it accepted and refuses steps at or below it, so a code (seen over a shoulder, or replayed)
 * works once.
 */
export function matchTotp(key: Uint8Array, code: string, nowMs: number): number | null {
  const typed = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return null;
  const now = totpStep(nowMs);
  let matched: number | null = null;
  // every candidate is compared (constant work whichever one matches)
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step += 1) {
    if (step < 0) continue;
    if (timingSafeEqual(Buffer.from(hotp(key, step)), Buffer.from(typed)) && matched === null) matched = step;
  }
  return matched;
}

/** A fresh 160-bit secret (RFC 4226 recommends 160 bits), as raw bytes. */
export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The `otpauth://` URI authenticator apps scan: `Kraken Desk:alice`, issuer Kraken Desk. */
export function otpauthUri(secret: Uint8Array, account: string, issuer = 'Kraken Desk'): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(account)}`;
  const query = new URLSearchParams({ secret: base32Encode(secret), issuer, algorithm: 'SHA1', digits: String(TOTP_DIGITS), period: String(TOTP_STEP_SECONDS) });
  return `otpauth://totp/${label}?${query.toString()}`;
}

import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Encrypts members' TOTP secrets at rest (AES-256-GCM) under a key derived from SESSION_PASSWORD, so a copy
 * of the database alone (a backup, a stolen file) does not let anyone make a member's codes. Changing
 * SESSION_PASSWORD makes the stored secrets unreadable: members then sign in with a recovery code or an
 * admin resets their second factor (`npm run user -- reset-2fa NAME`).
 */

const VERSION = 'v1';

function keyFrom(password: string): Buffer {
  return Buffer.from(hkdfSync('sha256', password, 'kraken-desk', 'totp-secret-box', 32));
}

export interface SecretBox {
  seal(plain: Uint8Array): string;
  /** Throws when the text was sealed under another password or tampered with. */
  open(sealed: string): Buffer;
}

export function createSecretBox(password: string): SecretBox {
  const key = keyFrom(password);
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(plain), cipher.final()]);
      return [VERSION, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
    },
    open(sealed) {
      const [version, iv, body, tag] = sealed.split('.');
      if (version !== VERSION || !iv || body === undefined || !tag) throw new Error('not a sealed secret');
      const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]);
    },
  };
}

/** Recovery codes: ten per member, 80 random bits each, shown once as `xxxx-xxxx-xxxx-xxxx`. */
export const RECOVERY_CODE_COUNT = 10;
// 32 symbols without look-alikes (no l, o, 0, 1), so each random byte's low 5 bits pick one evenly
const RECOVERY_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const bytes = randomBytes(16);
    const chars = Array.from(bytes, (b) => RECOVERY_ALPHABET[b & 31]).join('');
    return chars.match(/.{4}/g)!.join('-');
  });
}

/** What a typed recovery code is compared as: lower case, no spaces or dashes. */
export function normalizeRecoveryCode(typed: string): string {
  return typed.toLowerCase().replace(/[\s-]/g, '');
}

/**
 * Stored hash of a recovery code. 80 random bits need no slow hash (unlike passwords, they cannot be
 * guessed from a dictionary); a plain SHA-256 keeps the single-use check one indexed UPDATE.
 */
export function hashRecoveryCode(code: string): string {
  return createHash('sha256').update(`kd-recovery:${normalizeRecoveryCode(code)}`).digest('hex');
}

/** Recovery codes as typed: 16 letters/digits, optionally grouped by dashes or spaces. */
export function looksLikeRecoveryCode(typed: string): boolean {
  return /^[a-z0-9]{16}$/.test(normalizeRecoveryCode(typed));
}

import { createHash, createHmac } from 'node:crypto';

/**
 * Kraken's API-Sign header: base64(HMAC-SHA512(base64decode(secret), path || SHA256(nonce + postdata))).
 * @param path URI path starting at `/0/private/…` (no host, no query string)
 * @param nonce the nonce as the decimal text that also appears inside `postdata`
 * @param postdata the exact request body bytes sent (form-encoded or JSON text)
 * @param secretBase64 the API secret as Kraken issues it (base64)
 */
export function signRequest(path: string, nonce: string, postdata: string, secretBase64: string): string {
  const inner = createHash('sha256').update(nonce + postdata, 'utf8').digest();
  return createHmac('sha512', Buffer.from(secretBase64, 'base64'))
    .update(Buffer.concat([Buffer.from(path, 'utf8'), inner]))
    .digest('base64');
}

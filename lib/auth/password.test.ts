import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getDummyPasswordHash, hashPassword, parsePasswordHash, verifyPassword } from './password';

const FAST = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('encodes scrypt with N = 2^17, r = 8, p = 1, a 16-byte salt and a 32-byte key by default', async () => {
    const encoded = await hashPassword('correct horse');
    assert.match(encoded, /^scrypt\$17\$8\$1\$[A-Za-z0-9+/]+={0,2}\$[A-Za-z0-9+/]+={0,2}$/);
    const parsed = parsePasswordHash(encoded);
    assert.ok(parsed);
    assert.deepEqual(parsed.params, { logN: 17, r: 8, p: 1 });
    assert.equal(parsed.salt.length, 16);
    assert.equal(parsed.key.length, 32);
    assert.equal(await verifyPassword('correct horse', encoded), true);
    assert.equal(await verifyPassword('correct horsE', encoded), false);
  });

  it('salts every hash, so the same password hashes differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('same', a), true);
    assert.equal(await verifyPassword('same', b), true);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const encoded = await hashPassword('pw-one', FAST);
    assert.match(encoded, /^scrypt\$10\$8\$1\$/);
    assert.equal(await verifyPassword('pw-one', encoded), true);
    assert.equal(await verifyPassword('pw-two', encoded), false);
  });

  it('treats canonically equal Unicode spellings as one password', async () => {
    const composed = 'caf\u00e9';
    const decomposed = 'cafe\u0301';
    assert.equal(await verifyPassword(decomposed, await hashPassword(composed, FAST)), true);
  });

  it('never matches malformed, truncated or absurdly expensive hashes', async () => {
    const good = await hashPassword('pw', FAST);
    for (const bad of ['', 'plain', good.replace('scrypt', 'bcrypt'), good.slice(0, good.lastIndexOf('$') + 1), 'scrypt$30$8$1$AAAA$AAAA']) {
      assert.equal(await verifyPassword('pw', bad), false, bad);
    }
    assert.equal(parsePasswordHash('scrypt$30$8$1$AAAA$AAAA'), null);
  });

  it('keeps one dummy hash per process (with default parameters) for unknown usernames', async () => {
    const first = await getDummyPasswordHash();
    assert.equal(await getDummyPasswordHash(), first);
    assert.match(first, /^scrypt\$17\$8\$1\$/);
    assert.equal(await verifyPassword('', first), false);
  });
});

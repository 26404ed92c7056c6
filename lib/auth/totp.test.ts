import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totp, totpStep } from './totp';

// RFC 6238 Appendix B: the seeds are the ASCII strings below (20, 32 and 64 bytes), 8 digits.
const SEEDS = {
  sha1: Buffer.from('12345678901234567890'),
  sha256: Buffer.from('12345678901234567890123456789012'),
  sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
} as const;

const RFC6238: { time: number; sha1: string; sha256: string; sha512: string }[] = [
  { time: 59, sha1: '94287082', sha256: '46119246', sha512: '90693936' },
  { time: 1111111109, sha1: '07081804', sha256: '68084774', sha512: '25091201' },
  { time: 1111111111, sha1: '14050471', sha256: '67062674', sha512: '99943326' },
  { time: 1234567890, sha1: '89005924', sha256: '91819424', sha512: '93441116' },
  { time: 2000000000, sha1: '69279037', sha256: '90698825', sha512: '38618901' },
  { time: 20000000000, sha1: '65353130', sha256: '77737706', sha512: '47863826' },
];

// RFC 4226 Appendix D: HOTP values for counters 0–9 with the 20-byte seed, 6 digits.
const RFC4226 = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];

describe('TOTP (RFC 6238) and HOTP (RFC 4226)', () => {
  it('gives every RFC 6238 Appendix B test vector, for SHA-1, SHA-256 and SHA-512', () => {
    for (const row of RFC6238) {
      for (const hash of ['sha1', 'sha256', 'sha512'] as const) {
        assert.equal(totp(SEEDS[hash], row.time * 1000, { digits: 8, hash }), row[hash], `${hash} at T=${row.time}`);
      }
    }
  });

  it('gives every RFC 4226 Appendix D HOTP value', () => {
    RFC4226.forEach((expected, counter) => assert.equal(hotp(SEEDS.sha1, counter), expected));
  });

  it('round-trips base32 and reads the RFC 4648 test vector', () => {
    assert.equal(base32Encode(Buffer.from('foobar')), 'MZXW6YTBOI');
    assert.deepEqual(base32Decode('mzxw 6ytb oi======'), Buffer.from('foobar'));
    const secret = Buffer.from(Array.from({ length: 20 }, (_, i) => i * 13));
    assert.deepEqual(base32Decode(base32Encode(secret)), secret);
    assert.throws(() => base32Decode('MZ1!'), /base32/);
  });

  it('accepts the code of now and one step either side, and names its step', () => {
    const now = 1_700_000_015_000;
    const step = totpStep(now);
    assert.equal(matchTotp(SEEDS.sha1, totp(SEEDS.sha1, now), now), step);
    assert.equal(matchTotp(SEEDS.sha1, totp(SEEDS.sha1, now - 30_000), now), step - 1);
    assert.equal(matchTotp(SEEDS.sha1, totp(SEEDS.sha1, now + 30_000), now), step + 1);
    assert.equal(matchTotp(SEEDS.sha1, totp(SEEDS.sha1, now - 60_000), now), null, 'two steps old');
    assert.equal(matchTotp(SEEDS.sha1, '12345', now), null, 'not six digits');
    assert.equal(matchTotp(SEEDS.sha1, 'abcdef', now), null);
    const code = totp(SEEDS.sha1, now);
    assert.equal(matchTotp(SEEDS.sha1, `${code.slice(0, 3)} ${code.slice(3)}`, now), step, 'spaces are ignored');
  });

  it('builds the otpauth URI authenticator apps scan', () => {
    const uri = new URL(otpauthUri(Buffer.from('foobar'), 'alice'));
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.host, 'totp');
    assert.equal(decodeURIComponent(uri.pathname), '/Kraken Desk:alice');
    assert.equal(uri.searchParams.get('secret'), 'MZXW6YTBOI');
    assert.equal(uri.searchParams.get('issuer'), 'Kraken Desk');
    assert.equal(uri.searchParams.get('digits'), '6');
    assert.equal(uri.searchParams.get('period'), '30');
  });
});

import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function group(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += ALPHABET[b & 31];
  return out;
}

/** Kraken-style id: prefix + 6-5-6 uppercase groups, e.g. `OQCLML-BW3P3-BUCMWZ` (O orders, T trades/amends, L ledger). */
export function makeId(prefix: 'O' | 'T' | 'L' | 'R'): string {
  return `${prefix}${group(5)}-${group(5)}-${group(6)}`;
}

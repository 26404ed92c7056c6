/**
 * CRC-32/IEEE assembled from cached parts, so a book checksum costs O(levels) instead of O(characters).
 *
 * The table-driven CRC step is linear over GF(2), hence for the raw register update U (no pre/post
 * inversion): U(state, S) = U(state, n zero bytes) ⊕ U(0, S), with n = |S|. The first term is a linear map
 * of `state` that depends only on n; we tabulate it per length as four 256-entry byte tables. A book level
 * caches U(0, its digits) and its length; the checksum then folds 20 levels with 4 lookups each.
 * Results equal `crc32` from ./checksum exactly (tested). Browser-safe.
 */

import { CRC_TABLE } from './checksum';

/** Raw register update from state 0 over an ASCII string: the cacheable part of a level. */
export function crcPart(text: string): number {
  let crc = 0;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return crc >>> 0;
}

/**
 * `crcPart` continued over the checksum digits of decimal text (point removed, leading zeros stripped,
 * as `checksumDigits` does) without building the digit string.
 * @param crc raw register so far (0 for a new part)
 */
export function crcDigits(crc: number, text: string): number {
  const last = text.length - 1;
  let leading = true;
  for (let i = 0; i <= last; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 || (leading && c === 48 && i < last)) continue;
    leading = false;
    crc = (CRC_TABLE[(crc ^ c) & 0xff] as number) ^ (crc >>> 8);
  }
  return crc >>> 0;
}

/** Length of `checksumDigits(text)` without building it. */
export function digitCount(text: string): number {
  const last = text.length - 1;
  let i = 0;
  while (i < last && (text.charCodeAt(i) === 48 || text.charCodeAt(i) === 46)) i++;
  let count = 0;
  for (; i <= last; i++) if (text.charCodeAt(i) !== 46) count++;
  return count;
}

/** Per length n: 1024 entries = 4 byte tables of the linear map state ↦ U(state, n zero bytes). */
const shiftTables: (Uint32Array | undefined)[] = [];

function buildShiftTable(n: number): Uint32Array {
  const basis = new Uint32Array(32);
  for (let bit = 0; bit < 32; bit++) {
    let crc = (1 << bit) >>> 0;
    for (let i = 0; i < n; i++) crc = (CRC_TABLE[crc & 0xff] as number) ^ (crc >>> 8);
    basis[bit] = crc >>> 0;
  }
  const table = new Uint32Array(1024);
  for (let j = 0; j < 4; j++) {
    for (let v = 1; v < 256; v++) {
      const low = v & -v;
      table[j * 256 + v] = (table[j * 256 + (v ^ low)] as number) ^ (basis[j * 8 + Math.log2(low)] as number);
    }
  }
  return table;
}

/**
 * Advances a CRC register over a part whose `crcPart` and length are known.
 * @param state register before the part (0xFFFFFFFF at the start of a message)
 * @param part crcPart(text) of the part
 * @param length the part's length in characters
 */
export function crcAppend(state: number, part: number, length: number): number {
  const t = shiftTables[length] ?? (shiftTables[length] = buildShiftTable(length));
  return (
    ((t[state & 0xff] as number) ^
      (t[256 + ((state >>> 8) & 0xff)] as number) ^
      (t[512 + ((state >>> 16) & 0xff)] as number) ^
      (t[768 + (state >>> 24)] as number) ^
      part) >>>
    0
  );
}

/** Initial register of a CRC-32/IEEE message. */
export const CRC_START = 0xffffffff;

/** Final value of a CRC-32/IEEE message from its register. */
export function crcFinish(state: number): number {
  return (state ^ 0xffffffff) >>> 0;
}

/** One price level as decimal text, already written with the pair's precision (trailing zeros kept). */
export interface TextLevel {
  price: string;
  qty: string;
}

/** CRC-32/IEEE (poly 0xEDB88320) byte table, shared with crc-parts.ts. */
export const CRC_TABLE = buildCrcTable();

function buildCrcTable(): Uint32Array {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
}

/** CRC-32/IEEE (zlib) of an ASCII string, unsigned. Table-driven so it runs in browsers too. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) {
    crc = (CRC_TABLE[(crc ^ text.charCodeAt(i)) & 0xff] as number) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

/** "0.00100000" → "100000", "45285.2" → "452852": drop the point, strip leading zeros. */
export function checksumDigits(decimalText: string): string {
  const digits = decimalText.replace('.', '');
  let i = 0;
  while (i < digits.length - 1 && digits.charCodeAt(i) === 48) i++;
  return digits.slice(i);
}

/**
 * Kraken WS v2 (and v1) book checksum over the top 10 levels of each side.
 * @param asks ascending from the best ask, text levels with pair precision
 * @param bids descending from the best bid, text levels with pair precision
 */
export function bookChecksum(asks: readonly TextLevel[], bids: readonly TextLevel[]): number {
  let text = '';
  const na = Math.min(10, asks.length);
  for (let i = 0; i < na; i++) {
    const level = asks[i] as TextLevel;
    text += checksumDigits(level.price) + checksumDigits(level.qty);
  }
  const nb = Math.min(10, bids.length);
  for (let i = 0; i < nb; i++) {
    const level = bids[i] as TextLevel;
    text += checksumDigits(level.price) + checksumDigits(level.qty);
  }
  return crc32(text);
}

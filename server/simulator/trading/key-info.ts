/**
 * GetApiKeyInfo in the shape Kraken documents (docs.kraken.com, "Get API Key Info", example response): timestamps
 * and the nonce as decimal text, `nonceWindow` as a number, 0 meaning "no restriction" for validUntil/queryFrom/queryTo.
 */
import { KRAKEN_PERMISSIONS } from '../../../lib/kraken/permissions';
import type { KeyRecord } from './auth';

/** The paper account's internal funding reference (Kraken's IIBAN format: "AA" + 2 digits + 3 groups of 4). */
export const PAPER_IBAN = 'AA00 N84G PAPR DESK';

const seconds = (ms: number) => String(Math.floor(ms / 1000));

export function apiKeyInfo(record: KeyRecord): Record<string, unknown> {
  return {
    apiKeyName: record.name,
    apiKey: record.key,
    nonce: record.lastNonce,
    nonceWindow: Number(record.nonceWindow),
    // Kraken's order, so a key's list reads the same on both
    permissions: KRAKEN_PERMISSIONS.filter((p) => record.permissions.has(p)),
    iban: PAPER_IBAN,
    validUntil: '0',
    queryFrom: '0',
    queryTo: '0',
    createdTime: seconds(record.createdAt),
    modifiedTime: seconds(record.createdAt),
    // the built-in exchange listens on loopback only and keeps no allow-list
    ipAllowlist: [],
    lastUsed: record.lastUsedAt === undefined ? '0' : seconds(record.lastUsedAt),
  };
}

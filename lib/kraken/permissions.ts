/**
 * Kraken's API key permission codes, as GetApiKeyInfo lists them. The docs' example response (docs.kraken.com,
 * "Get API Key Info") shows query-funds, withdraw-funds, query-open-trades and modify-trades and speaks of 13 codes;
 * the other nine are assumed from the names public Kraken clients read off real keys, which match the Fast API key
 * permission fields (funds_add, funds_earn, trades_query_closed, trades_close, ledger_query, export_data…).
 * Kraken may add codes: parsers keep unknown ones as text instead of failing.
 */
export const KRAKEN_PERMISSIONS = [
  'query-funds', 'add-funds', 'withdraw-funds', 'earn-funds',
  'query-open-trades', 'query-closed-trades', 'modify-trades', 'close-trades',
  'query-ledger', 'export-data', 'create-ws-token', 'add-withdraw-address', 'update-withdraw-address',
] as const;

export type KrakenPermission = (typeof KRAKEN_PERMISSIONS)[number];

export function isKrakenPermission(code: string): code is KrakenPermission {
  return (KRAKEN_PERMISSIONS as readonly string[]).includes(code);
}

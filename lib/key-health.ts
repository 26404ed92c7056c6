/**
 * What the desk makes of the configured Kraken key (GetApiKeyInfo): each permission named as Kraken's key page
 * names it, and findings — red for what an attacker holding the key could do beyond trading, amber for what the
 * desk cannot do without — each with what to change on Kraken. Pure: the Next facade is lib/server/key-health.ts.
 */
import type { ApiKeyInfo } from './kraken/types-private';

export type Severity = 'danger' | 'warning' | 'info';

export interface KeyFinding {
  severity: Severity;
  title: string;
  /** what to change on Kraken (Settings → API → the key) */
  fix: string;
}

export interface KeyPermissionView {
  code: string;
  /** Kraken's name for it on the key page; the code itself when unknown */
  label: string;
  /** moves money out of trading: deposits, withdrawals, withdrawal addresses, Earn */
  funding: boolean;
}

export interface KeyAssessment {
  permissions: KeyPermissionView[];
  /** without Create & Modify Orders nobody on the desk can place or amend an order */
  readOnly: boolean;
  findings: KeyFinding[];
}

const LABELS: Record<string, string> = {
  'query-funds': 'Query Funds',
  'add-funds': 'Deposit Funds',
  'withdraw-funds': 'Withdraw Funds',
  'earn-funds': 'Earn Funds',
  'query-open-trades': 'Query Open Orders & Trades',
  'query-closed-trades': 'Query Closed Orders & Trades',
  'modify-trades': 'Create & Modify Orders',
  'close-trades': 'Cancel & Close Orders',
  'query-ledger': 'Query Ledger Entries',
  'export-data': 'Export Data',
  'create-ws-token': 'Access WebSockets API',
  'add-withdraw-address': 'Add Withdrawal Addresses',
  'update-withdraw-address': 'Update Withdrawal Addresses',
};

/** Permissions that move funds; the desk uses none of them, so a leaked key with one can empty the account. */
const FUNDING = new Set(['withdraw-funds', 'add-withdraw-address', 'update-withdraw-address', 'add-funds', 'earn-funds']);

/** Read permissions the desk relies on, and what stops working without each. */
const NEEDED_READS: [code: string, without: string][] = [
  ['query-funds', 'Balances cannot load and orders cannot be checked against funds.'],
  ['query-open-trades', 'Open orders cannot load, and a lost order cannot be found again.'],
  ['query-closed-trades', 'Order history cannot load, and a lost order cannot be found again.'],
  ['query-ledger', 'The ledger page cannot load.'],
  ['create-ws-token', 'The live account feed (executions, balances) cannot start; the desk falls back to slower polling.'],
];

/** Days before expiry from which the desk warns. */
const EXPIRY_WARNING_DAYS = 14;

const labelOf = (code: string) => LABELS[code] ?? code;

/** Assesses a key; `nowSeconds` is the current Unix time. */
export function assessKey(info: ApiKeyInfo, nowSeconds: number): KeyAssessment {
  const granted = new Set(info.permissions);
  const findings: KeyFinding[] = [];
  const add = (severity: Severity, title: string, fix: string) => findings.push({ severity, title, fix });

  const funding = info.permissions.filter((c) => FUNDING.has(c)).map(labelOf);
  if (funding.length > 0) {
    const list = funding.join(', ');
    add('danger', `The key can move funds: ${list}`,
      `The desk never moves funds, but anyone holding this key could. On Kraken, edit this key and untick ${list} — or create a key without ${funding.length > 1 ? 'them' : 'it'} and replace the desk's KRAKEN_API_KEY and its secret.`);
  }
  if (info.ipAllowlist.length === 0) {
    add('danger', 'No IP allow-list: the key works from any address',
      'On Kraken, edit this key and add the desk server\'s public IP address under IP allowlist, so a leaked key and secret are useless elsewhere.');
  }
  if (info.validUntil !== undefined && info.validUntil <= nowSeconds) {
    add('danger', 'The key has expired', 'Create a new key on Kraken and replace the desk\'s KRAKEN_API_KEY and its secret.');
  } else if (info.validUntil !== undefined && info.validUntil - nowSeconds < EXPIRY_WARNING_DAYS * 86_400) {
    add('warning', `The key expires in less than ${EXPIRY_WARNING_DAYS} days`, 'Extend its validity on Kraken, or create a new key before then.');
  }
  const readOnly = !granted.has('modify-trades');
  if (readOnly) {
    add('warning', 'No Create & Modify Orders: the desk is read-only',
      'Traders can watch markets, balances and orders but cannot place or amend orders. If the desk should trade, tick Create & Modify Orders and Cancel & Close Orders on Kraken.');
  }
  for (const [code, without] of NEEDED_READS) {
    if (!granted.has(code)) add('warning', `No ${labelOf(code)}`, `${without} Tick ${labelOf(code)} on Kraken.`);
  }
  if (info.queryFrom !== undefined || info.queryTo !== undefined) {
    add('warning', 'History queries are limited to a date range', 'Orders and ledger entries outside it are invisible to the desk. Clear the query range on Kraken unless it is intended.');
  }
  for (const code of info.permissions.filter((c) => !(c in LABELS))) {
    add('warning', `Unknown permission ${code}`, 'Kraken added a permission the desk does not know. Check on Kraken what it allows and untick it unless the desk needs it.');
  }
  if (granted.has('export-data')) add('info', 'The key has Export Data', 'The desk does not use it; untick it on Kraken to give a leaked key less to read.');

  const permissions = info.permissions.map((code) => ({ code, label: labelOf(code), funding: FUNDING.has(code) }));
  return { permissions, readOnly, findings };
}

/** The key as the desk may show it: a short prefix, never more. */
export function keyPrefix(apiKey: string | undefined): string | undefined {
  return apiKey ? `${apiKey.slice(0, 6)}…` : undefined;
}

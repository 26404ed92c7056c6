import { addText, compareDecimal, divideText, isDecimalText, multiplyText } from '../decimal';
import { commonAssetCode, freeAmount } from './assets';
import type { BalanceRow } from '../desk-api/account';

/** A balance row; `available` may be missing (the free amount is then balance − hold). */
type BalanceLike = Omit<BalanceRow, 'available'> & { available?: string | undefined };

export interface ValuedBalance {
  /** common code, e.g. BTC */
  code: string;
  balance: string;
  hold: string;
  free: string | undefined;
  /** USD value at the live price; undefined when no USD price is known */
  usd: string | undefined;
  /** percent of the valued total, 2 decimals */
  share: string | undefined;
}

export interface Valuation {
  rows: ValuedBalance[];
  /** sum of the rows that have a USD value */
  totalUsd: string;
  /** codes whose value is unknown (no USD market) */
  unpriced: string[];
}

const USD_LIKE = new Set(['USD']);

/**
 * Values each balance in USD with `usdPrice(code)` (a live last price of CODE/USD, else the server's
 * `usdValue`), totals them and
 * works out each one's share. Exact decimal math; rows sorted by value, unpriced last.
 */
export function valueBalances(balances: readonly BalanceLike[], usdPrice: (code: string) => string | undefined): Valuation {
  const rows: ValuedBalance[] = balances
    .filter((b) => isDecimalText(b.balance))
    .map((b) => {
      const code = commonAssetCode(b.asset);
      const price = USD_LIKE.has(code) ? '1' : usdPrice(code);
      // the live ticker first; the server's value (from its last read) when no live price has arrived yet
      const usd = price !== undefined && isDecimalText(price) ? multiplyText(b.balance, price) : isDecimalText(b.usdValue) ? b.usdValue : undefined;
      return { code, balance: b.balance, hold: isDecimalText(b.holdTrade) ? b.holdTrade : '0', free: freeAmount(b), usd, share: undefined };
    });
  const totalUsd = rows.reduce((sum, r) => (r.usd !== undefined ? addText(sum, r.usd) : sum), '0');
  const positive = compareDecimal(totalUsd, '0') > 0;
  for (const r of rows) if (r.usd !== undefined && positive) r.share = divideText(multiplyText(r.usd, '100'), totalUsd, 2);
  rows.sort((a, b) => {
    if (a.usd === undefined || b.usd === undefined) return a.usd === undefined ? (b.usd === undefined ? a.code.localeCompare(b.code) : 1) : -1;
    return compareDecimal(b.usd, a.usd);
  });
  return { rows, totalUsd, unpriced: rows.filter((r) => r.usd === undefined && compareDecimal(r.balance, '0') !== 0).map((r) => r.code) };
}

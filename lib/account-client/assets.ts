import { assetIdToCode } from '../kraken/symbols';
import { compareDecimal, isDecimalText, subtractText } from '../decimal';

/**
 * Balances may name assets as Kraken's REST does (XXBT, ZUSD, XDG) or by common code (BTC, USD, DOGE);
 * the ticket and the balances page compare them by common code. The alias table is lib/kraken/symbols'.
 */
export function commonAssetCode(asset: string): string {
  return assetIdToCode(asset.toUpperCase());
}

/** Free amount: the reported `available`, else balance − hold (never below zero). */
export function freeAmount(b: { balance: string; holdTrade: string; available?: string | undefined }): string | undefined {
  if (b.available !== undefined && isDecimalText(b.available)) return b.available;
  if (!isDecimalText(b.balance)) return undefined;
  const free = isDecimalText(b.holdTrade) ? subtractText(b.balance, b.holdTrade) : b.balance;
  return compareDecimal(free, '0') < 0 ? '0' : free;
}

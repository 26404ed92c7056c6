import { compareDecimal, isDecimalText, subtractText } from '../decimal';

/**
 * Balances may name assets as Kraken's REST does (XXBT, ZUSD, XDG) or by common code (BTC, USD, DOGE);
 * the ticket and the balances page compare them by common code.
 */
const ALIASES: Record<string, string> = { XBT: 'BTC', XXBT: 'BTC', XDG: 'DOGE', XXDG: 'DOGE', ZUSD: 'USD', ZEUR: 'EUR', ZGBP: 'GBP', ZCAD: 'CAD', ZJPY: 'JPY', XETH: 'ETH', XXRP: 'XRP', XLTC: 'LTC', XXLM: 'XLM', XETC: 'ETC', XZEC: 'ZEC', XXMR: 'XMR' };

/** Common code of an asset id: `XXBT` → `BTC`, `ZUSD` → `USD`, `SOL` → `SOL`. */
export function commonAssetCode(asset: string): string {
  const upper = asset.toUpperCase();
  return ALIASES[upper] ?? upper;
}

/** Free amount: the reported `available`, else balance − hold (never below zero). */
export function freeAmount(b: { balance: string; hold: string; available?: string | undefined }): string | undefined {
  if (b.available !== undefined && isDecimalText(b.available)) return b.available;
  if (!isDecimalText(b.balance)) return undefined;
  const free = isDecimalText(b.hold) ? subtractText(b.balance, b.hold) : b.balance;
  return compareDecimal(free, '0') < 0 ? '0' : free;
}

/**
 * Names for the same market across Kraken's APIs: REST pair ids (`XXBTZUSD`, `SOLUSD`), REST altnames (`XBTUSD`),
 * WS v1 names (`XBT/USD`), WS v2 symbols (`BTC/USD`) and the desk's URL form (`BTC-USD`).
 * The static helpers encode Kraken's fixed legacy rules; SymbolMap, built from AssetPairs, is authoritative.
 */
import type { AssetPair } from './types';

/** Kraken altnames that differ from the common code (WS v2, ccxt). */
const ALTNAME_TO_CODE: Readonly<Record<string, string>> = { XBT: 'BTC', XDG: 'DOGE' };
const CODE_TO_ALTNAME: Readonly<Record<string, string>> = { BTC: 'XBT', DOGE: 'XDG' };

/**
 * Legacy X/Z-prefixed asset ids. Only these carry a prefix: `XRP`, `XLM`, `XMR`, `ZEC`, `XTZ` are real codes and
 * newer assets (`SOL`, `DOT`, `USDT`) have none, so prefixes are never stripped by a generic rule.
 */
const LEGACY_ASSET_IDS: Readonly<Record<string, string>> = {
  XXBT: 'BTC', XXDG: 'DOGE', XETH: 'ETH', XXRP: 'XRP', XXLM: 'XLM', XLTC: 'LTC', XETC: 'ETC', XMLN: 'MLN',
  XREP: 'REP', XXMR: 'XMR', XZEC: 'ZEC',
  ZUSD: 'USD', ZEUR: 'EUR', ZGBP: 'GBP', ZCAD: 'CAD', ZJPY: 'JPY', ZAUD: 'AUD',
};
const CODE_TO_LEGACY_ID: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(LEGACY_ASSET_IDS).map(([id, code]) => [code, id]),
);

/** Splits a balance suffix such as `.S` (staked) or `.F` off an asset id. */
function splitSuffix(id: string): [string, string] {
  const dot = id.indexOf('.');
  return dot < 0 ? [id, ''] : [id.slice(0, dot), id.slice(dot)];
}

/** Common code for a Kraken altname: `XBT` → `BTC`, `XDG` → `DOGE`, others unchanged. */
export function altnameToCode(altname: string): string {
  return ALTNAME_TO_CODE[altname] ?? altname;
}

/** Kraken altname for a common code: `BTC` → `XBT`, `DOGE` → `XDG`, others unchanged. */
export function codeToAltname(code: string): string {
  return CODE_TO_ALTNAME[code] ?? code;
}

/** Common code for a Kraken asset id (`XXBT` → `BTC`, `XDG` → `DOGE`, `ZUSD` → `USD`, `XXBT.M` → `BTC.M`). */
export function assetIdToCode(assetId: string): string {
  const [id, suffix] = splitSuffix(assetId);
  return (LEGACY_ASSET_IDS[id] ?? altnameToCode(id)) + suffix;
}

/** Kraken asset id for a common code as the static rules know it (`BTC` → `XXBT`, `SOL` → `SOL`). */
export function codeToAssetId(code: string): string {
  const [id, suffix] = splitSuffix(code);
  return (CODE_TO_LEGACY_ID[id] ?? id) + suffix;
}

/** WS v2 symbol for a WS v1 name: `XBT/USD` → `BTC/USD`, `XDG/EUR` → `DOGE/EUR`. */
export function wsV1ToSymbol(wsname: string): string {
  return wsname.split('/').map(altnameToCode).join('/');
}

/** WS v1 name for a WS v2 symbol: `BTC/USD` → `XBT/USD`. */
export function symbolToWsV1(symbol: string): string {
  return symbol.split('/').map(codeToAltname).join('/');
}

/** REST altname for a WS v2 symbol by the static rules: `BTC/USD` → `XBTUSD`, `SOL/USD` → `SOLUSD`. */
export function symbolToAltname(symbol: string): string {
  return symbol.split('/').map(codeToAltname).join('');
}

const URL_FORM = /^[A-Za-z0-9.]+-[A-Za-z0-9.]+$/;
const SYMBOL_FORM = /^[A-Za-z0-9.]+\/[A-Za-z0-9.]+$/;

/** URL-safe form of a WS v2 symbol: `BTC/USD` → `BTC-USD`. */
export function symbolToUrl(symbol: string): string {
  if (!SYMBOL_FORM.test(symbol)) throw new RangeError(`not a symbol: ${symbol}`);
  return symbol.replace('/', '-');
}

/** WS v2 symbol from its URL form: `btc-usd` → `BTC/USD`; undefined when the text is not of that form. */
export function urlToSymbol(text: string): string | undefined {
  return URL_FORM.test(text) ? text.toUpperCase().replace('-', '/') : undefined;
}

/** The authoritative lookup built from AssetPairs: resolves any of the names Kraken uses to one pair. */
export class SymbolMap {
  private readonly byKey = new Map<string, AssetPair>();
  private readonly assetCodes = new Map<string, string>();
  readonly pairs: readonly AssetPair[];

  constructor(pairs: readonly AssetPair[]) {
    this.pairs = pairs;
    for (const pair of pairs) {
      for (const key of [pair.pairId, pair.altname, pair.wsname, pair.symbol, symbolToWsV1(pair.symbol)]) {
        if (key && !this.byKey.has(key.toUpperCase())) this.byKey.set(key.toUpperCase(), pair);
      }
      this.assetCodes.set(pair.base, pair.baseCode);
      this.assetCodes.set(pair.quote, pair.quoteCode);
    }
  }

  /** The pair for a pair id, altname, WS v1 name, WS v2 symbol or URL form (`BTC-USD`), any case. */
  resolve(name: string): AssetPair | undefined {
    const upper = name.trim().toUpperCase();
    return this.byKey.get(upper) ?? this.byKey.get(urlToSymbol(upper) ?? '');
  }

  /** WS v2 symbol for any pair name; falls back to the static rules for unknown WS v1 names. */
  toSymbol(name: string): string | undefined {
    return this.resolve(name)?.symbol ?? (name.includes('/') ? wsV1ToSymbol(name.toUpperCase()) : undefined);
  }

  /** REST altname (`XBTUSD`) for any pair name, or undefined when the pair is not listed. */
  toAltname(name: string): string | undefined {
    return this.resolve(name)?.altname;
  }

  /** WS v1 name (`XBT/USD`) for any pair name, or undefined when the pair is not listed. */
  toWsName(name: string): string | undefined {
    return this.resolve(name)?.wsname;
  }

  /** REST pair id for any pair name, or undefined when the pair is not listed. */
  toPairId(name: string): string | undefined {
    return this.resolve(name)?.pairId;
  }

  /** Common code for an asset id seen in this market list, else by the static rules (`XXBT.S` → `BTC.S`). */
  assetCode(assetId: string): string {
    const [id, suffix] = splitSuffix(assetId);
    return (this.assetCodes.get(id) ?? assetIdToCode(id)) + suffix;
  }
}

/** Public API of the REST half of lib/kraken. */
export { createKrakenClient, type KrakenClient, type KrakenClientOptions } from './rest';
export type { KrakenPublicApi, OhlcInterval } from './rest-public';
export { OHLC_INTERVALS } from './rest-public';
export type { KrakenPrivateApi, OrderFilter, ClosedOrdersQuery, HistoryQuery, HistoryBound } from './rest-private';
export type { AddOrderRequest, AmendOrderRequest, CancelOrderRequest, OrderType, CloseOrderType, OrderFlag } from './order-request';
export { ORDER_TYPES, addOrderRequestSchema } from './order-request';
export { KrakenError, parseKrakenError, codeForKrakenString, isKrakenError, type KrakenErrorCode } from './errors';
export { createClockNonceSource, type NonceSource, type NonceScale } from './nonce';
export { createLocalCallGate, type PrivateCallGate } from './call-gate';
export { createRateCounter, callCost, TIER_LIMITS, type RestRateLimiter, type Tier } from './rate-limit';
export { createPrivateQueue, type PrivateQueue } from './private-queue';
export type { FetchLike } from './rest-http';
export type { RetryPolicy } from './retry';
export {
  SymbolMap, altnameToCode, codeToAltname, assetIdToCode, codeToAssetId, wsV1ToSymbol, symbolToWsV1, symbolToAltname,
  symbolToUrl, urlToSymbol,
} from './symbols';
export type * from './types';
export type * from './types-private';
export { signRequest } from './sign';
export { KRAKEN_PERMISSIONS, isKrakenPermission, type KrakenPermission } from './permissions';

/** Public API of the streaming half of lib/kraken (WS v2 client, book sync, order book, lossless JSON). Browser-safe. */
export { KrakenWsClient, type KrakenWsClientOptions } from './ws-client';
export { BookSync, type BookSyncEvents, type BookSyncOptions, type PairPrecision, type ResyncReason } from './book-sync';
export { OrderBook, type BookApplyResult, type BookLevelInput, type OrderBookOptions } from './book';
export { backoffDelay, type BackoffOptions } from './ws-backoff';
export {
  KrakenWsError,
  WS_OPEN,
  type ConnectionState,
  type StateEvent,
  type TimerApi,
  type WebSocketConstructor,
  type WebSocketLike,
  type WsClientEvents,
  type WsErrorKind,
} from './ws-types';
export {
  subscriptionKey,
  type BookDepth,
  type OhlcIntervalMinutes,
  type PrivateChannel,
  type PublicChannel,
  type SubscribableChannel,
  type SubscribeParams,
  type SubscriptionEntry,
  type UnsubscribeParams,
} from './ws-subscriptions';
export { parseInboundFrame } from './ws-schemas';
export type * from './ws-schemas';
export {
  WIRE_DECIMAL_FIELDS,
  createWireJsonParser,
  parseWireJson,
  rawNumber,
  serializeWithRawNumbers,
  stringifyWire,
  RawNumber,
  type WireJsonParser,
} from './wire-json';
export { toFixedDecimal, toPlainDecimal, padDecimals, scaledInteger, formatScaled, isZeroDecimal } from './decimal-text';

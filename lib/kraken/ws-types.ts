/**
 * Seams and public types of the WS v2 client: the injected WebSocket constructor (browser WebSocket and
 * the `ws` package both fit), injected clock/timers/random, connection states, events and errors.
 * Browser-safe.
 */
import type {
  BalancesFrame,
  BookFrame,
  ExecutionsFrame,
  InstrumentFrame,
  OhlcFrame,
  StatusFrame,
  TickerFrame,
  TradeFrame,
  WsResponse,
} from './ws-schemas';

/**
 * The part of a WHATWG WebSocket the client uses. Handler parameters are typed `never` so that any
 * implementation's own event types fit (browser `MessageEvent`, `ws`'s `WebSocket.MessageEvent`); the client
 * installs handlers that read only `data` (message) and `code`/`reason` (close).
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: never) => void) | null;
  onmessage: ((event: never) => void) | null;
  onclose: ((event: never) => void) | null;
  onerror: ((event: never) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}

export type WebSocketConstructor = new (url: string) => WebSocketLike;

/** WHATWG readyState for an open socket. */
export const WS_OPEN = 1;

/** Timer functions; defaults are the global ones. Handles are opaque. */
export interface TimerApi {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * `connecting`: opening a socket (or fetching its token) · `resyncing`: open, waiting for resubscribe
 * acks · `live`: open and every remembered subscription acknowledged · `stale`: open but silent for longer
 * than `staleAfterMs` · `offline`: no socket (waiting to retry, or closed for good).
 */
export type ConnectionState = 'connecting' | 'live' | 'stale' | 'resyncing' | 'offline';

export interface StateEvent {
  state: ConnectionState;
  /** reconnect attempts since the last stable connection */
  attempt: number;
  /** when offline and a retry is scheduled: milliseconds until it */
  retryInMs?: number;
  /** when offline: true if the client will not reconnect by itself (closed, or close code 1008) */
  final?: boolean;
  /** close code of the socket that just went away */
  code?: number;
  reason?: string;
}

export type WsErrorKind =
  | 'malformed' // an inbound frame failed JSON parsing or schema validation
  | 'socket' // the socket reported an error or could not be created
  | 'token' // getToken() failed
  | 'policy' // the server closed with 1008; no reconnect
  | 'listener' // one of our listeners threw
  | 'request'; // a request was refused, timed out or lost with its socket

/** Error raised by the WS client; `krakenError` is Kraken's own string when the server sent one. */
export class KrakenWsError extends Error {
  constructor(
    readonly kind: WsErrorKind,
    message: string,
    readonly details: { krakenError?: string; reqId?: number; method?: string; raw?: string; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'KrakenWsError';
  }

  get krakenError(): string | undefined {
    return this.details.krakenError;
  }
}

/** Events of KrakenWsClient, by name. Channel events carry the validated frame (decimal text fields). */
export interface WsClientEvents {
  state: StateEvent;
  /** exchange engine status, pushed on connect and on change */
  status: StatusFrame;
  heartbeat: undefined;
  ticker: TickerFrame;
  book: BookFrame;
  trade: TradeFrame;
  ohlc: OhlcFrame;
  instrument: InstrumentFrame;
  executions: ExecutionsFrame;
  balances: BalancesFrame;
  /** every response frame (acks, pong, trading results), after our own bookkeeping */
  response: WsResponse;
  error: KrakenWsError;
}

export type Listener<T> = (payload: T) => void;

/** Minimal typed event emitter; a throwing listener is reported through `onListenerError`, never rethrown. */
export class Emitter<Events extends object> {
  private readonly listeners = new Map<keyof Events, Set<Listener<never>>>();

  constructor(private readonly onListenerError: (error: unknown, event: keyof Events) => void) {}

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof Events>(event: K, listener: Listener<Events[K]>): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners.get(event);
    if (!set) return;
    for (const listener of [...set]) {
      try {
        (listener as Listener<Events[K]>)(payload);
      } catch (error) {
        this.onListenerError(error, event);
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}

/**
 * One WS v2 connection that keeps itself alive: opens the injected WebSocket (fetching a token first on the
 * private endpoint), watches liveness (any frame counts; it pings when quiet, reports `stale`, and replaces
 * the socket after `deadAfterMs` of silence), reconnects with jittered exponential backoff (never after close
 * code 1008), validates every inbound frame and routes responses by req_id. Nothing a server sends and no
 * listener can throw out of a socket handler. Subscriptions and trading live in ws-client.ts. Browser-safe.
 */
import { backoffDelay } from './ws-backoff';
import { resolveOptions, type KrakenWsClientOptions, type ResolvedOptions } from './ws-options';
import { RequestTable, encodeRequest, type PendingRequest } from './ws-requests';
import { parseInboundFrame, type WsResponse } from './ws-schemas';
import {
  Emitter,
  KrakenWsError,
  WS_OPEN,
  type ConnectionState,
  type Listener,
  type StateEvent,
  type WebSocketLike,
  type WsClientEvents,
} from './ws-types';
import { parseWireJson } from './wire-json';
import { WsToken } from './ws-token';

export type { KrakenWsClientOptions } from './ws-options';

const POLICY_VIOLATION = 1008;

export abstract class WsConnection {
  protected readonly opts: ResolvedOptions;
  protected readonly events = new Emitter<WsClientEvents>((error, event) => this.reportListenerError(error, String(event)));
  /** the private endpoint's token: fetched before every (re)connect, and again when too old to subscribe with */
  protected readonly tokens: WsToken | undefined;
  protected baseState: ConnectionState = 'offline';
  private requests = new RequestTable();
  private socket: WebSocketLike | undefined;
  private generation = 0;
  private wanted = false;
  private attempt = 0;
  private openedAt: number | undefined;
  private lastMessageAt = 0;
  private pingOutstanding = false;
  private watchdogPingId: number | undefined;
  private lastWatchdogAt = 0;
  private skippedLateTick = false;
  private stale = false;
  private lastEmitted: ConnectionState | undefined;
  private reconnectTimer: unknown;
  private watchdogTimer: unknown;

  constructor(options: KrakenWsClientOptions) {
    this.opts = resolveOptions(options);
    const { getToken } = this.opts;
    this.tokens = getToken ? new WsToken(getToken, this.opts.now, this.opts.tokenLifetimeMs, this.opts.tokenRefreshMarginMs) : undefined;
  }

  /** the latest token from getToken (private endpoint) */
  protected get token(): string | undefined {
    return this.tokens?.value;
  }

  /** A socket just opened: restore what must be restored and set the state (`resyncing` or `live`). */
  protected abstract onConnected(): void;

  /** Current connection state (see ConnectionState). */
  get state(): ConnectionState {
    return this.stale && (this.baseState === 'live' || this.baseState === 'resyncing') ? 'stale' : this.baseState;
  }

  /** Adds a listener; returns the function that removes it. */
  on<K extends keyof WsClientEvents>(event: K, listener: Listener<WsClientEvents[K]>): () => void {
    return this.events.on(event, listener);
  }

  /** Opens the connection (and keeps it open until close()). */
  connect(): void {
    if (this.wanted) return;
    this.wanted = true;
    this.attempt = 0;
    void this.open();
  }

  /** Closes for good: no reconnect; in-flight requests reject. */
  close(): void {
    this.wanted = false;
    this.opts.timers.clearTimeout(this.reconnectTimer);
    this.dropSocket(1000, 'client closed');
    this.setState('offline', { final: true, reason: 'client closed' });
  }

  // --- connection lifecycle -------------------------------------------------------------------------

  private async open(): Promise<void> {
    const generation = ++this.generation;
    this.setState('connecting');
    if (this.tokens) {
      try {
        await this.tokens.fetch();
      } catch (error) {
        if (generation !== this.generation || !this.wanted) return;
        this.emitError(new KrakenWsError('token', `getToken failed: ${messageOf(error)}`, { cause: error }));
        this.scheduleReconnect(undefined, 'token unavailable');
        return;
      }
      if (generation !== this.generation || !this.wanted) return;
    }
    let socket: WebSocketLike;
    try {
      socket = new this.opts.WebSocket(this.opts.url);
    } catch (error) {
      this.emitError(new KrakenWsError('socket', `cannot open ${this.opts.url}: ${messageOf(error)}`, { cause: error }));
      this.scheduleReconnect(undefined, 'socket constructor failed');
      return;
    }
    this.socket = socket;
    this.openedAt = undefined;
    socket.onopen = () => this.guard(generation, () => this.onOpen());
    socket.onmessage = (event: { data: unknown }) => this.guard(generation, () => this.onMessage(event.data));
    socket.onerror = () => this.guard(generation, () => this.emitError(new KrakenWsError('socket', 'WebSocket error')));
    socket.onclose = (event: { code: number; reason: string }) => this.guard(generation, () => this.onClose(event.code, event.reason));
  }

  /** Runs a socket callback only for the current socket, and never lets it throw. */
  private guard(generation: number, fn: () => void): void {
    if (generation !== this.generation) return;
    try {
      fn();
    } catch (error) {
      this.reportListenerError(error, 'socket handler');
    }
  }

  private onOpen(): void {
    const now = this.opts.now();
    this.openedAt = now;
    this.lastMessageAt = now;
    this.stale = false;
    this.pingOutstanding = false;
    this.lastWatchdogAt = now;
    this.skippedLateTick = false;
    this.onConnected();
    this.armWatchdog();
  }

  private onClose(code: number, reason: string): void {
    this.dropSocket();
    if (!this.wanted) return;
    if (code === POLICY_VIOLATION) {
      this.wanted = false;
      this.emitError(new KrakenWsError('policy', `server closed with 1008 (policy violation)${reason ? `: ${reason}` : ''}; not reconnecting`));
      this.setState('offline', { final: true, code, reason });
      return;
    }
    this.scheduleReconnect(code, reason || 'socket closed');
  }

  private scheduleReconnect(code: number | undefined, reason: string): void {
    if (this.openedAt !== undefined && this.opts.now() - this.openedAt >= this.opts.stableAfterMs) this.attempt = 0;
    this.openedAt = undefined;
    const delay = backoffDelay(this.attempt, this.opts.random, this.opts.backoff);
    this.attempt++;
    this.opts.timers.clearTimeout(this.reconnectTimer);
    this.reconnectTimer = this.opts.timers.setTimeout(() => {
      if (this.wanted) void this.open();
    }, delay);
    this.setState('offline', { retryInMs: delay, ...(code !== undefined ? { code } : {}), reason });
  }

  /** Detaches and closes the current socket; in-flight requests learn they are lost. */
  protected dropSocket(code?: number, reason?: string): void {
    this.generation++;
    this.opts.timers.clearTimeout(this.watchdogTimer);
    const socket = this.socket;
    this.socket = undefined;
    if (socket) {
      socket.onopen = socket.onmessage = socket.onclose = null;
      // closing a socket that is still connecting makes `ws` emit an error later; with no handler it would crash the process
      socket.onerror = () => undefined;
      if (code !== undefined) {
        try {
          socket.close(code, reason);
        } catch {
          // a socket that is already closing may refuse; it is detached either way
        }
      }
    }
    const lost = this.requests;
    this.requests = new RequestTable();
    lost.loseAll();
  }

  private armWatchdog(): void {
    this.watchdogTimer = this.opts.timers.setTimeout(() => this.watchdog(), this.opts.watchdogIntervalMs);
  }

  private watchdog(): void {
    if (!this.isOpen()) return;
    const now = this.opts.now();
    // A tick that fires far too late means this process was starved (busy CPU, suspended tab): frames may be
    // waiting unread, so skip one judgement and let them be read first. Two late ticks in a row are judged.
    const late = now - this.lastWatchdogAt > 2 * this.opts.watchdogIntervalMs;
    this.lastWatchdogAt = now;
    if (late && !this.skippedLateTick) {
      this.skippedLateTick = true;
      this.armWatchdog();
      return;
    }
    this.skippedLateTick = false;
    const silence = now - this.lastMessageAt;
    if (silence > this.opts.deadAfterMs) {
      // this socket opened and lived deadAfterMs: attempts are already that far apart, so the backoff starts
      // over instead of growing to a minute; a stalled feed that resumes is then found again within seconds
      this.attempt = 0;
      this.dropSocket(4000, 'no message within the heartbeat window');
      this.scheduleReconnect(undefined, `no message for ${silence} ms`);
      return;
    }
    if (silence > this.opts.pingAfterMs && !this.pingOutstanding) {
      this.pingOutstanding = true;
      // only the latest watchdog ping is worth tracking; a server that never answers must not grow the table
      if (this.watchdogPingId !== undefined) this.requests.remove(this.watchdogPingId);
      this.watchdogPingId = this.sendRaw('ping', undefined, { method: 'ping', onResponse: () => true, onLost: () => undefined });
    }
    if (silence > this.opts.staleAfterMs && !this.stale) {
      this.stale = true;
      this.emitState();
    }
    this.armWatchdog();
  }

  // --- inbound ----------------------------------------------------------------------------------------

  private onMessage(data: unknown): void {
    this.lastMessageAt = this.opts.now();
    this.pingOutstanding = false;
    if (this.stale) {
      this.stale = false;
      this.emitState();
    }
    const text = decodeText(data);
    let value: unknown;
    try {
      value = parseWireJson(text);
    } catch (error) {
      this.emitError(new KrakenWsError('malformed', `invalid JSON frame: ${messageOf(error)}`, { raw: text.slice(0, 300) }));
      return;
    }
    const parsed = parseInboundFrame(value);
    if (!parsed.ok) {
      this.emitError(new KrakenWsError('malformed', `invalid frame: ${parsed.error}`, { raw: text.slice(0, 300) }));
      return;
    }
    if (parsed.value.kind === 'response') {
      const response = parsed.value.response;
      if (!this.requests.dispatch(response) && response.success === false && response.req_id === undefined) {
        this.emitError(new KrakenWsError('request', `server error: ${response.error ?? 'unknown'}`, { krakenError: response.error }));
      }
      this.events.emit('response', response);
      return;
    }
    const frame = parsed.value.frame;
    if (frame.channel === 'heartbeat') this.events.emit('heartbeat', undefined);
    else this.events.emit(frame.channel, frame as never);
  }

  // --- outbound ---------------------------------------------------------------------------------------

  /** Identifies the current socket: changes whenever a socket is opened or dropped. */
  protected socketGeneration(): number {
    return this.generation;
  }

  /** Stops routing responses to a request (its answer is no longer wanted). */
  protected forgetRequest(reqId: number): void {
    this.requests.remove(reqId);
  }

  protected isOpen(): boolean {
    return this.socket !== undefined && this.socket.readyState === WS_OPEN && this.openedAt !== undefined;
  }

  protected sendRaw(method: string, params: Record<string, unknown> | undefined, pending: PendingRequest): number {
    const reqId = this.requests.add(pending);
    try {
      this.socket?.send(encodeRequest(method, params, reqId));
    } catch (error) {
      this.requests.remove(reqId);
      this.emitError(new KrakenWsError('socket', `send failed: ${messageOf(error)}`, { method, cause: error }));
      pending.onLost();
    }
    return reqId;
  }

  /** Sends one request and collects `expected` responses, with a timeout. */
  protected collect(method: string, params: Record<string, unknown> | undefined, expected: number, failFast: boolean): Promise<WsResponse[]> {
    return new Promise((resolve, reject) => {
      const responses: WsResponse[] = [];
      let done = false;
      const finish = (error?: KrakenWsError) => {
        done = true;
        this.opts.timers.clearTimeout(timer);
        if (error) reject(error);
        else resolve(responses);
      };
      const reqId = this.sendRaw(method, params, {
        method,
        onResponse: (response) => {
          if (done) return true;
          responses.push(response);
          if (failFast && response.success === false) {
            const text = response.error ?? 'request failed';
            finish(new KrakenWsError('request', `${method} failed: ${text}`, { krakenError: text, reqId: response.req_id, method }));
            return true;
          }
          if (responses.length >= expected) finish();
          return done;
        },
        onLost: () => {
          if (!done) finish(new KrakenWsError('request', `connection lost before the ${method} response; outcome unknown`, { method }));
        },
      });
      const timer = this.opts.timers.setTimeout(() => {
        if (done) return;
        this.requests.remove(reqId);
        finish(new KrakenWsError('request', `${method} timed out after ${this.opts.requestTimeoutMs} ms`, { reqId, method }));
      }, this.opts.requestTimeoutMs);
    });
  }

  // --- events -----------------------------------------------------------------------------------------

  protected setState(state: ConnectionState, extra: Partial<StateEvent> = {}): void {
    this.baseState = state;
    if (state === 'offline' || state === 'connecting') this.stale = false;
    this.emitState(extra, true);
  }

  private emitState(extra: Partial<StateEvent> = {}, force = false): void {
    const state = this.state;
    if (!force && state === this.lastEmitted) return;
    this.lastEmitted = state;
    this.events.emit('state', { state, attempt: this.attempt, ...extra });
  }

  protected emitError(error: KrakenWsError): void {
    this.events.emit('error', error);
  }

  private reportListenerError(error: unknown, where: string): void {
    if (where === 'error') return; // an error listener threw: nowhere left to report it
    this.emitError(new KrakenWsError('listener', `${where} threw: ${messageOf(error)}`, { cause: error }));
  }
}

function decodeText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new TextDecoder().decode(data);
  if (ArrayBuffer.isView(data)) return new TextDecoder().decode(data);
  return String(data);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

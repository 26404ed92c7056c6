import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { WebSocket } from 'ws';
import { parseWireJson, rawNumber, stringifyWire } from '../../../lib/kraken/wire-json';
import { rfc3339 } from './decimal';
import type { ExecutionEvent, MatchingEngine } from './matching';
import type { LedgerRecord } from './model';
import { WS_CHANNEL_PERMISSIONS, WS_METHOD_PERMISSIONS, allows } from './auth';
import { KrakenError } from './order-request';
import type { TradingCounter } from './rate-counters';
import type { TokenIssuer } from './tokens';
import { balanceRow, executionReport, ledgerUpdateRow, orderDescription, tradeReport } from './ws-reports';
import { WsTradingMethods } from './ws-methods';
import { log } from '../../../lib/log';

const HEARTBEAT_MS = 1000;

const MAX_FRAME = 64 * 1024;

interface Connection {
  socket: WebSocket;
  executions: { orderStatus: boolean } | null;
  balances: boolean;
  execSeq: number;
  balanceSeq: number;
  lastSent: number;
  connectionId: string;
  /** the token each active private subscription was made with: it stays valid on this socket while held */
  heldTokens: Map<'executions' | 'balances', string>;
}

export interface PrivateSocketDeps {
  engine: MatchingEngine;
  counter: TradingCounter;
  tokens: TokenIssuer;
  now: () => number;
  /** runs a trading method so that what it changed is saved before the answer is sent */
  durable<T>(fn: () => T): T;
}

/** WS v2 on `/auth/v2`: status, heartbeat, ping, `executions` and `balances` channels and the trading methods. */
export class PrivateSocketHub {
  private readonly connections = new Set<Connection>();
  private readonly methods: WsTradingMethods;
  private readonly off: () => void;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(private readonly deps: PrivateSocketDeps) {
    this.methods = new WsTradingMethods(deps.engine, deps.counter);
    this.off = deps.engine.listen({
      execution: (ev) => this.broadcastExecution(ev),
      ledger: (rows) => this.broadcastLedger(rows),
    });
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  attach(socket: WebSocket, _request: IncomingMessage): void {
    const conn: Connection = {
      socket, executions: null, balances: false, execSeq: 0, balanceSeq: 0, lastSent: 0,
      connectionId: BigInt.asUintN(64, BigInt(`0x${randomBytes(8).toString('hex')}`)).toString(),
      heldTokens: new Map(),
    };
    this.connections.add(conn);
    socket.on('close', () => this.forget(conn));
    socket.on('error', () => this.forget(conn));
    socket.on('message', (data, isBinary) => {
      const timeIn = rfc3339(Date.now());
      try {
        const text = isBinary ? '' : data.toString();
        if (text.length === 0 || text.length > MAX_FRAME) throw new KrakenError('EGeneral:Invalid arguments');
        this.onMessage(conn, text, timeIn);
      } catch (err) {
        if (!(err instanceof KrakenError)) log.error({ err }, 'trading: private socket message failed');
        const message = err instanceof KrakenError ? err.krakenMessage : 'EGeneral:Internal error';
        this.send(conn, { error: message, success: false, time_in: timeIn, time_out: rfc3339(Date.now()) });
      }
    });
    this.sendStatus(conn);
  }

  private forget(conn: Connection): void {
    if (!this.connections.delete(conn)) return;
    for (const token of conn.heldTokens.values()) this.deps.tokens.release(token);
    conn.heldTokens.clear();
  }

  /** The token's permissions for a request on this socket (an old token lives on while this socket maintains it). */
  private tokenPermissions(conn: Connection, token: unknown): ReadonlySet<string> {
    const maintained = typeof token === 'string' && [...conn.heldTokens.values()].includes(token);
    const permissions = this.deps.tokens.permissions(token, maintained);
    if (!permissions) throw new KrakenError('EAPI:Invalid token');
    return permissions;
  }

  private holdToken(conn: Connection, channel: 'executions' | 'balances', token: string | undefined): void {
    const previous = conn.heldTokens.get(channel);
    if (previous !== undefined) this.deps.tokens.release(previous);
    conn.heldTokens.delete(channel);
    if (token === undefined) return;
    conn.heldTokens.set(channel, token);
    this.deps.tokens.hold(token);
  }

  /** Pushes a `status` frame to every socket (Kraken does so whenever the engine status changes). */
  broadcastStatus(): void {
    for (const conn of this.connections) this.sendStatus(conn);
  }

  private sendStatus(conn: Connection): void {
    this.send(conn, {
      channel: 'status', type: 'update',
      data: [{
        system: this.deps.engine.market.status(), api_version: 'v2',
        connection_id: rawNumber(conn.connectionId),
        version: '2.0.10',
      }],
    });
  }

  close(): void {
    this.off();
    clearInterval(this.heartbeat);
    for (const c of this.connections) c.socket.close(1001, 'exchange closing');
    this.connections.clear();
  }

  private send(conn: Connection, message: unknown): void {
    if (conn.socket.readyState !== conn.socket.OPEN) return;
    conn.lastSent = Date.now();
    conn.socket.send(stringifyWire(message));
  }

  private onMessage(conn: Connection, text: string, timeIn: string): void {
    let msg: unknown;
    try {
      msg = parseWireJson(text);
    } catch {
      throw new KrakenError('EGeneral:Invalid arguments:Malformed request');
    }
    if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) throw new KrakenError('EGeneral:Invalid arguments');
    const { method, params, req_id: reqId } = msg as { method?: unknown; params?: unknown; req_id?: unknown };
    const reply = (body: Record<string, unknown>) =>
      this.send(conn, { method, ...(reqId !== undefined ? { req_id: reqId } : {}), ...body, time_in: timeIn, time_out: rfc3339(Date.now()) });
    if (typeof method !== 'string') throw new KrakenError('EGeneral:Invalid arguments:method');
    if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
      reply({ success: false, error: 'EGeneral:Invalid arguments:params' });
      return;
    }
    const p = (params ?? {}) as Record<string, unknown>;
    if (method === 'ping') {
      this.send(conn, { method: 'pong', ...(reqId !== undefined ? { req_id: reqId } : {}), time_in: timeIn, time_out: rfc3339(Date.now()) });
      return;
    }
    try {
      if (method === 'subscribe' || method === 'unsubscribe') {
        this.subscription(conn, method, p, reply);
        return;
      }
      const permissions = this.tokenPermissions(conn, p.token);
      const needed = WS_METHOD_PERMISSIONS[method];
      if (needed && !allows(permissions, needed)) throw new KrakenError('EGeneral:Permission denied');
      const results = this.deps.durable(() => this.methods.run(method, p));
      for (const result of results) reply({ success: true, result });
    } catch (err) {
      if (!(err instanceof KrakenError)) throw err;
      reply({ success: false, error: err.krakenMessage });
    }
  }

  private subscription(conn: Connection, method: string, p: Record<string, unknown>, reply: (b: Record<string, unknown>) => void): void {
    const channel = p.channel;
    if (channel !== 'executions' && channel !== 'balances') throw new KrakenError('Subscription name invalid');
    const permissions = this.tokenPermissions(conn, p.token);
    if (method === 'subscribe' && !permissions.has(WS_CHANNEL_PERMISSIONS[channel])) throw new KrakenError('EGeneral:Permission denied');
    if (method === 'unsubscribe') {
      if (channel === 'executions') conn.executions = null;
      else conn.balances = false;
      this.holdToken(conn, channel, undefined);
      reply({ success: true, result: { channel } });
      return;
    }
    if (channel === 'executions') {
      if (conn.executions) throw new KrakenError('Already subscribed');
      conn.executions = { orderStatus: p.order_status !== false };
      this.holdToken(conn, channel, p.token as string);
      reply({ success: true, result: { channel, maxratecount: this.deps.counter.max, snapshot: p.snap_orders !== false } });
      this.executionSnapshot(conn, p.snap_orders !== false && p.snapshot !== false, p.snap_trades === true || p.snapshot_trades === true);
    } else {
      if (conn.balances) throw new KrakenError('Already subscribed');
      conn.balances = true;
      this.holdToken(conn, channel, p.token as string);
      reply({ success: true, result: { channel, snapshot: p.snapshot !== false } });
      if (p.snapshot !== false) this.balanceSnapshot(conn);
    }
  }

  private executionSnapshot(conn: Connection, orders: boolean, trades: boolean): void {
    const { engine } = this.deps;
    const rows: Record<string, unknown>[] = [];
    if (orders) {
      for (const o of engine.openOrders()) {
        const pair = engine.pair(o.pairId);
        if (pair) rows.push({ ...orderDescription(o, pair, o.opentm), exec_type: o.status === 'pending' ? 'pending_new' : 'new' });
      }
    }
    this.send(conn, { channel: 'executions', type: 'snapshot', data: rows, sequence: ++conn.execSeq });
    if (!trades) return;
    const recent = Object.values(engine.state.trades).sort((a, b) => a.time - b.time || a.tradeId - b.tradeId).slice(-50);
    const tradeRows: Record<string, unknown>[] = [];
    for (const t of recent) {
      const o = engine.state.orders[t.orderId];
      const pair = engine.pair(t.pairId);
      if (!o || !pair) continue;
      tradeRows.push(tradeReport(o, pair, t, o.feeInQuote ? pair.quoteCode : pair.baseCode));
    }
    if (tradeRows.length) this.send(conn, { channel: 'executions', type: 'snapshot', data: tradeRows, sequence: ++conn.execSeq });
  }

  private balanceSnapshot(conn: Connection): void {
    const pairs = this.deps.engine.market.pairs;
    const data = Object.entries(this.deps.engine.state.balances).map(([asset, value]) => balanceRow(pairs, asset, value));
    this.send(conn, { channel: 'balances', type: 'snapshot', data, sequence: ++conn.balanceSeq });
  }

  private broadcastExecution(ev: ExecutionEvent): void {
    const pair = this.deps.engine.pair(ev.order.pairId);
    if (!pair) return;
    const minimal = ['pending_new', 'new', 'trade', 'filled', 'canceled', 'expired'];
    let row: Record<string, unknown> | undefined;
    for (const conn of this.connections) {
      if (!conn.executions) continue;
      if (!conn.executions.orderStatus && !minimal.includes(ev.execType)) continue;
      row ??= executionReport(ev, pair, this.deps.engine.market.pairs);
      this.send(conn, { channel: 'executions', type: 'update', data: [row], sequence: ++conn.execSeq });
    }
  }

  private broadcastLedger(rows: LedgerRecord[]): void {
    const pairs = this.deps.engine.market.pairs;
    const data = rows.map((l) => ledgerUpdateRow(pairs, l));
    for (const conn of this.connections) {
      if (conn.balances) this.send(conn, { channel: 'balances', type: 'update', data, sequence: ++conn.balanceSeq });
    }
  }

  private beat(): void {
    const now = Date.now();
    for (const conn of this.connections) {
      if ((conn.executions || conn.balances) && now - conn.lastSent >= HEARTBEAT_MS) this.send(conn, { channel: 'heartbeat' });
    }
  }
}

import { CLOSE_CODES, subscriptionKey } from '../../lib/protocol';
import { DEFAULT_FLOW_LIMITS, type FlowCounters, type Sink } from './connection';
import type { ExecutionsWatcher, Hub, HubOptions } from './hub-types';
import { encodeFrame } from './frames';
import { routeData, sendToAll } from './fanout';
import { FeedRegistry } from './hub-feeds';
import { HubConns } from './hub-conns';
import { HubStatus } from './hub-status';
import { connectBrowser, type HubParts } from './hub-browser';
import { feedId, feedUpstreamKey } from './topics';
import type { Upstream } from './upstream';

/**
 * The feed hub: one shared upstream per Kraken endpoint, ref-counted subscriptions, server-side state
 * for instant snapshots, and fan-out of frames serialised once. Transport-agnostic: a transport hands in
 * a `Sink` per browser connection and calls subscribe/unsubscribe; nothing here knows about sockets.
 * This file wires the parts: feeds and resyncs (hub-feeds.ts), connections (hub-conns.ts), feed status
 * announcements (hub-status.ts) and fan-out of upstream data (fanout.ts).
 *
 * Policies, in one place:
 * - Ref-counting: one upstream subscription per feed (`book:SYM`, `trade:SYM`, `ohlc:SYM:interval`,
 *   `ticker:SYM`, `executions`, `balances`); it outlives its last browser by `lingerMs` (default 5 s), and a
 *   held feed (`watchExecutions`: the order service's executions; `holdBook`: the books the order service keeps
 *   for previews) stays with no browser at all.
 * - Book depth: Kraken book messages carry no depth, so each symbol is subscribed upstream at ONE depth,
 *   the largest any browser or hold asked for (moving up re-snapshots the symbol; it never moves down while
 *   anyone is subscribed). Smaller depths get their own frames: the levels that changed inside their
 *   top-N view, with a zero-qty delete for each level that left it. The checksum covers the top 10 only,
 *   which is the same for every depth ≥ 10, so the verified upstream checksum is correct for all of them.
 * - Slow browsers: above `softCapBytes` queued, book/ticker updates are dropped and a fresh snapshot is
 *   sent once below `lowWaterBytes`; above `hardCapBytes` the connection is closed with `tooSlow`.
 * - Upstream loss: `stale` at once, then `resyncing`, then `live`; books are withdrawn until their fresh
 *   snapshot arrives. A checksum mismatch resyncs that symbol alone (`status` with `symbol`), paced.
 */

export type { HubBookTop, Hub, HubConnection, HubOptions, HubStats, SubscribeOutcome } from './hub-types';

export function createHub(options: HubOptions): Hub {
  const counters: FlowCounters = { delivered: 0, conflated: 0, closedTooSlow: 0 };
  const registry = new FeedRegistry(options);
  const conns: HubConns = new HubConns(
    { ...DEFAULT_FLOW_LIMITS, ...options.limits }, counters, options.drainCheckMs ?? 100,
    (topic) => registry.releaseTopic(topic),
    (conn) => conns.close(conn, CLOSE_CODES.tooSlow, 'too slow'),
  );
  const status = new HubStatus(conns.all);
  const parts: HubParts = { options, registry, conns, status };
  const account: AccountListeners = { updates: new Set(), executions: new Set() };
  const unlisten = [listen(parts, options.upstream, false, account)];
  if (options.privateUpstream) unlisten.push(listen(parts, options.privateUpstream, true, account));
  const connect = (sink: Sink) => connectBrowser(parts, sink);

  return {
    connect,
    subscribe(key, sink) {
      const connection = connect(sink);
      const outcome = connection.subscribe(key);
      if (!outcome.ok) {
        connection.sendDirect(encodeFrame({ type: 'error', code: outcome.code, message: `${subscriptionKey(key)}: ${outcome.message}` }));
      }
      return () => connection.close();
    },
    disconnectMember: (memberId, code = CLOSE_CODES.unauthorized, reason = 'session revoked') => conns.closeMember(memberId, code, reason),
    get feedState() {
      return status.market.state;
    },
    bookView(symbol, depth = 10) {
      const feed = registry.feeds.get(feedId({ channel: 'book', symbol, depth }));
      if (feed?.channel !== 'book' || !feed.book.valid || status.market.state !== 'live') return undefined;
      // a book kept at depth 10 holds no 11th level even when the market has one: a deeper view would lie
      if (feed.upstreamDepth < depth) return undefined;
      const { book } = feed;
      return {
        asks: book.topAsks(depth), bids: book.topBids(depth), checksum: book.checksum,
        pricePrecision: book.pricePrecision, qtyPrecision: book.qtyPrecision,
      };
    },
    onAccountUpdate(listener) {
      account.updates.add(listener);
      return () => void account.updates.delete(listener);
    },
    watchExecutions(watcher) {
      if (!options.privateUpstream) return () => undefined;
      const key = { channel: 'executions' } as const;
      account.executions.add(watcher);
      registry.hold(key);
      let watching = true;
      return () => {
        if (!watching) return;
        watching = false;
        account.executions.delete(watcher);
        registry.unhold(key);
      };
    },
    holdBook(symbol, depth) {
      const key = { channel: 'book', symbol, depth } as const;
      registry.hold(key);
      let held = true;
      return () => {
        if (!held) return;
        held = false;
        registry.unhold(key);
      };
    },
    stats: () => ({
      ...counters,
      ...conns.backlogStats(),
      connections: conns.all.size,
      feeds: [...registry.feeds.keys()],
      upstreamKeys: [...registry.feeds.values()].map(feedUpstreamKey),
      resyncs: registry.resyncs,
      snapshotRetries: registry.snapshotRetries,
      awaitingSnapshot: registry.watchdog.waiting(),
      feedState: status.market.state,
    }),
    async close() {
      conns.closeAll(CLOSE_CODES.goingAway, 'server shutting down');
      registry.close();
      for (const off of unlisten) off();
      await Promise.all([options.upstream.close(), options.privateUpstream?.close()]);
    },
  };
}

interface AccountListeners {
  /** told after every private update */
  updates: Set<() => void>;
  /** given every executions row and the private connection's states */
  executions: Set<ExecutionsWatcher>;
}

/** Routes one upstream's events: state to the feeds and browsers, data to fan-out, refusals to the feed's browsers. */
function listen({ registry, status }: HubParts, upstream: Upstream, isPrivate: boolean, account: AccountListeners): () => void {
  return upstream.listen({
    state(state) {
      registry.upstreamState(isPrivate, state);
      if (isPrivate) {
        status.accountState(state, () => registry.privateReaders());
        for (const watcher of [...account.executions]) watcher.connection(state);
      } else status.marketState(state);
    },
    exchange(next) {
      if (!isPrivate) status.exchangeStatus(next);
    },
    data(message) {
      routeData(registry, message);
      if (isPrivate && message.channel === 'executions') for (const watcher of [...account.executions]) watcher.observe(message.type, message.data);
      if (isPrivate && message.type === 'update') for (const l of [...account.updates]) l();
    },
    rejected(key, reason) {
      const feed = registry.feeds.get(feedId(key));
      if (!feed) return;
      const frame = encodeFrame({ type: 'error', code: 'subscription_rejected', message: `${subscriptionKey(key)}: ${reason}` });
      sendToAll(feed, frame);
      registry.forget(feed);
    },
  });
}

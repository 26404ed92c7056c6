import { subscriptionKey } from '../../lib/protocol';
import type { Conn, Sink } from './connection';
import { encodeFrame } from './frames';
import type { FeedRegistry } from './hub-feeds';
import type { HubConns } from './hub-conns';
import type { HubStatus } from './hub-status';
import type { HubConnection, HubOptions, SubscribeOutcome } from './hub-types';
import { snapshotFrames, type Topic } from './topics';
import type { UpstreamKey } from './upstream';

/**
 * What one browser connection can do with the hub: subscribe (limits checked, joined to the shared topic,
 * snapshot at once when trustworthy), unsubscribe, acknowledge bytes, close. The parts it joins are built
 * once by createHub (hub.ts).
 */

export interface HubParts {
  options: HubOptions;
  registry: FeedRegistry;
  conns: HubConns;
  status: HubStatus;
}

/** A browser connection: greeted with the feed status, then subscribing and unsubscribing topics. */
export function connectBrowser(parts: HubParts, sink: Sink): HubConnection {
  const { conns, status } = parts;
  const conn = conns.open(sink);
  conn.sendAlways(status.frame);
  return {
    subscribe: (key) => subscribe(parts, conn, key),
    unsubscribe(key) {
      const id = subscriptionKey(key);
      for (const topic of conn.topics) if (topic.id === id) conns.release(conn, topic);
    },
    ack: (bytes) => conn.ack(bytes),
    sendDirect: (frame) => void conn.sendAlways(frame),
    close: () => conns.detach(conn),
  };
}

/** Joins `conn` to the topic of `key` and sends its snapshot at once when the hub has a trustworthy one. */
function subscribe({ options, registry, status }: HubParts, conn: Conn<Topic>, key: UpstreamKey): SubscribeOutcome {
  if (conn.closed) return { ok: false, code: 'unavailable', message: 'connection closed' };
  const id = subscriptionKey(key);
  for (const topic of conn.topics) if (topic.id === id) return { ok: true };
  const maxTopics = options.maxTopicsPerConnection ?? 64;
  if (conn.topics.size >= maxTopics) {
    return { ok: false, code: 'too_many_subscriptions', message: `at most ${maxTopics} subscriptions per connection` };
  }
  const isPrivate = key.channel === 'executions' || key.channel === 'balances';
  if (isPrivate && !options.privateUpstream) {
    return { ok: false, code: 'unavailable', message: 'private data is not configured on this desk' };
  }
  const feed = registry.acquire(key);
  let topic = feed.topics.get(id);
  if (!topic) {
    topic = { id, key, feed, conns: new Set(), cache: undefined };
    feed.topics.set(id, topic);
  }
  topic.conns.add(conn);
  conn.topics.add(topic);
  const frames = snapshotFrames(topic);
  if (feed.private) status.greetAccountReader(conn);
  if (frames) conn.sendSnapshot(topic, frames);
  else if (feed.channel === 'book' && feed.resyncing) {
    conn.sendAlways(encodeFrame({ type: 'status', feed: 'resyncing', symbol: feed.symbol }));
  }
  return { ok: true };
}

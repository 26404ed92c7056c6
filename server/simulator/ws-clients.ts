/**
 * Who is connected to the public feed and what each socket is subscribed to, indexed by subscription key
 * so a market event finds its subscribers in one lookup. Also renders the /control/state view of it.
 */
import type { WebSocket } from 'ws';
import type { ListedPair } from './markets';
import type { SubscriptionRequest } from './ws-requests';

export interface ClientSub {
  channel: SubscriptionRequest['channel'];
  pair?: ListedPair;
  depth?: number;
  interval?: number;
  eventTrigger?: 'trades' | 'bbo';
}

export interface Client {
  ws: WebSocket;
  /** the status channel's connection_id (uint64 text) */
  id: string;
  connectedAt: number;
  subs: Map<string, ClientSub>;
  everSubscribed: boolean;
  lastSentAt: number;
  sent: number;
}

export interface SocketsState {
  sockets: { id: string; connectedAt: string; messagesSent: number; subscriptions: Record<string, unknown>[] }[];
  counts: { sockets: number; subscriptions: number; byChannel: Record<string, number> };
}

export class ClientRegistry {
  readonly clients = new Set<Client>();
  private readonly index = new Map<string, Set<Client>>();
  private nextConnection = 0n;

  /** Registers a new socket with a fresh connection id. */
  add(ws: WebSocket): Client {
    this.nextConnection += 1n;
    const client: Client = {
      ws,
      id: (0x6a3f_0000_0000_0000n + this.nextConnection * 7919n).toString(),
      connectedAt: Date.now(),
      subs: new Map(),
      everSubscribed: false,
      lastSentAt: Date.now(),
      sent: 0,
    };
    this.clients.add(client);
    return client;
  }

  /** Forgets a socket; returns the subscription keys nobody holds any more. */
  remove(client: Client): string[] {
    if (!this.clients.delete(client)) return [];
    return [...client.subs.keys()].filter((key) => this.unindex(client, key));
  }

  subscribe(client: Client, key: string, sub: ClientSub): void {
    client.subs.set(key, sub);
    client.everSubscribed = true;
    let set = this.index.get(key);
    if (!set) this.index.set(key, (set = new Set()));
    set.add(client);
  }

  /** Drops one subscription; true when nobody holds that key any more. */
  unsubscribe(client: Client, key: string): boolean {
    client.subs.delete(key);
    return this.unindex(client, key);
  }

  private unindex(client: Client, key: string): boolean {
    const set = this.index.get(key);
    if (!set) return false;
    set.delete(client);
    if (set.size > 0) return false;
    this.index.delete(key);
    return true;
  }

  /** Sockets holding `key`, or undefined when none. */
  subscribers(key: string): Set<Client> | undefined {
    const set = this.index.get(key);
    return set && set.size > 0 ? set : undefined;
  }

  state(): SocketsState {
    const byChannel: Record<string, number> = {};
    let subscriptions = 0;
    const sockets = [...this.clients].map((client) => ({
      id: client.id,
      connectedAt: new Date(client.connectedAt).toISOString(),
      messagesSent: client.sent,
      subscriptions: [...client.subs.values()].map((s) => {
        subscriptions += 1;
        byChannel[s.channel] = (byChannel[s.channel] ?? 0) + 1;
        return {
          channel: s.channel,
          ...(s.pair ? { symbol: s.pair.symbol } : {}),
          ...(s.channel === 'book' ? { depth: s.depth } : {}),
          ...(s.channel === 'ohlc' ? { interval: s.interval } : {}),
          ...(s.channel === 'ticker' ? { event_trigger: s.eventTrigger } : {}),
        };
      }),
    }));
    return { sockets, counts: { sockets: this.clients.size, subscriptions, byChannel } };
  }
}

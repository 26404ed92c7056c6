import type { ExchangeStatus } from '../../lib/kraken/types';
import type { FeedState } from '../../lib/protocol';
import type { Conn } from './connection';
import { FeedStatus } from './feed-status';
import { encodeFrame, type Frame } from './frames';
import type { Topic } from './topics';

/**
 * What the hub tells browsers about the feeds themselves: the market feed's state (with the exchange's
 * engine status) goes to every connection, and the last such frame greets each new one; the account
 * channels' own upstream (Kraken's auth endpoint) fails and recovers on its own, so its state goes only to
 * browsers that read executions or balances.
 */
export class HubStatus {
  readonly market = new FeedStatus();
  readonly account = new FeedStatus();
  private exchange: ExchangeStatus | undefined;
  /** the last market status frame, sent to every connection as it opens */
  frame: Frame;

  constructor(private readonly conns: Iterable<Conn<Topic>>) {
    this.frame = encodeFrame({ type: 'status', feed: this.market.state });
  }

  /** The market upstream changed state: announce each browser-facing step to everyone. */
  marketState(state: FeedState): void {
    this.announce(this.market.next(state));
  }

  /** The exchange's engine status changed (online, maintenance, …): re-announce the current feed state with it. */
  exchangeStatus(next: ExchangeStatus): void {
    if (next === this.exchange) return;
    this.exchange = next;
    this.announce([this.market.state]);
  }

  /** The account upstream changed state: announce each step to `readers` (the browsers of private feeds). */
  accountState(state: FeedState, readers: () => Iterable<Conn<Topic>>): void {
    const states = this.account.next(state);
    if (states.length === 0) return;
    const to = [...readers()];
    for (const s of states) {
      const frame = accountFrame(s);
      for (const conn of to) conn.sendAlways(frame);
    }
  }

  /** A browser joining a private feed while the account feed is not live hears so at once. */
  greetAccountReader(conn: Conn<Topic>): void {
    if (this.account.state !== 'live') conn.sendAlways(accountFrame(this.account.state));
  }

  private announce(states: FeedState[]): void {
    for (const feed of states) {
      this.frame = encodeFrame({ type: 'status', feed, ...(this.exchange ? { exchange: this.exchange } : {}) });
      for (const conn of this.conns) conn.sendAlways(this.frame);
    }
  }
}

function accountFrame(feed: FeedState): Frame {
  return encodeFrame({ type: 'status', feed, account: true });
}

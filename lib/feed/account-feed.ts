import type { FeedState } from '@/lib/protocol';
import type { FeedSource } from './feed-store';

/**
 * Whether the account's live updates (executions, balances) are flowing, as this tab can tell. Kraken's
 * private feed runs on its own authenticated connection, so it can be down while markets stream on: the
 * hub reports it separately, and any account frame means it is flowing again. The tab's own socket comes
 * first: with that down, nothing is live whatever the account feed last said.
 */
export class AccountFeedStore {
  private account: FeedState = 'connecting';
  private value: FeedState;
  private readonly listeners = new Set<() => void>();
  private detach: (() => void) | undefined;

  constructor(private readonly source: FeedSource) {
    this.value = this.compute();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.start();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stop();
    };
  };

  readonly getSnapshot = (): FeedState => this.value;

  private start(): void {
    const offState = this.source.onState(() => this.update());
    const offFeed = this.source.subscribe({ channel: 'executions' }, (event) => {
      if (event.type === 'status' && 'account' in event) this.account = event.feed;
      else if (event.type === 'private') this.account = 'live';
      // refused (role) or not configured (no API key): there will be no account frames at all
      else if (event.type === 'error') this.account = 'offline';
      else return;
      this.update();
    });
    this.detach = () => {
      offState();
      offFeed();
    };
    this.update();
  }

  private stop(): void {
    this.detach?.();
    this.detach = undefined;
  }

  private compute(): FeedState {
    return this.source.state === 'live' ? this.account : this.source.state;
  }

  private update(): void {
    const next = this.compute();
    if (next === this.value) return;
    this.value = next;
    for (const l of [...this.listeners]) l();
  }
}

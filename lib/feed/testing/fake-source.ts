/** A FeedSource double: records subscribe/resubscribe calls and lets tests push events and states. */
import type { FeedState } from '@/lib/protocol';
import type { FeedEvent, FeedListener, FeedSubscription } from '../feed-client';
import type { FeedSource } from '../feed-store';

export class FakeSource implements FeedSource {
  state: FeedState = 'live';
  readonly listeners = new Set<FeedListener>();
  readonly stateListeners = new Set<() => void>();
  readonly resubscribed: FeedSubscription[] = [];
  subscribeCalls = 0;

  onState(listener: () => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  subscribe(_sub: FeedSubscription, listener: FeedListener): () => void {
    this.subscribeCalls++;
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  resubscribe(sub: FeedSubscription): void {
    this.resubscribed.push(sub);
  }

  emit(event: FeedEvent): void {
    for (const l of [...this.listeners]) l(event);
  }

  setState(state: FeedState): void {
    this.state = state;
    for (const l of [...this.stateListeners]) l();
  }
}

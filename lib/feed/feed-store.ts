import type { FeedState } from '@/lib/protocol';
import type { Clock } from './clock';
import type { FeedEvent, FeedListener, FeedSubscription } from './feed-client';
import { LOADING, loadableStatus, toLoadable, type Loadable } from './loadable';
import { pagePublishGate } from './publish-gate';
import { pagePace } from './publish-pace';
import { ThrottledPublisher } from './throttled-publisher';

/** What a store needs from the feed client (FeedClient satisfies it; tests pass a fake). */
export interface FeedSource {
  readonly state: FeedState;
  onState(listener: () => void): () => void;
  subscribe(sub: FeedSubscription, listener: FeedListener): () => void;
  resubscribe(sub: FeedSubscription): void;
}

/** A store's publish interval on a page that keeps up with its frames. */
export const BASE_INTERVAL_MS = 100;

/**
 * Base of the live stores: holds one feed subscription while React listens, applies every frame
 * outside React, and publishes an immutable `Loadable` at most every `intervalMs`
 * (`useSyncExternalStore(store.subscribe, store.getSnapshot)`).
 */
export abstract class FeedStore<T> {
  protected fresh = false;
  protected resyncing = false;
  private snapshot: Loadable<T> = LOADING;
  private readonly publisher: ThrottledPublisher;
  private detach: (() => void) | undefined;

  constructor(
    protected readonly source: FeedSource,
    readonly sub: FeedSubscription,
    clock?: Clock,
    /** a fixed interval (tests); by default 100 ms, stretched by the page's pace while frames come late */
    intervalMs?: number,
    /**
     * whether its publishes take turns at the page's publish gate (publish-gate.ts): the stores whose publish
     * costs the page a big render (book, trades, candles). Tickers do not: a markets list has one per pair, and
     * publishing together lets React render them as one.
     */
    takesTurns = false,
  ) {
    // a store given its own clock (a test) publishes on that clock alone, without the page's gate
    const gate = clock || !takesTurns ? undefined : pagePublishGate();
    this.publisher = new ThrottledPublisher(() => this.rebuild(), intervalMs ?? (() => pagePace.interval(BASE_INTERVAL_MS)), clock, gate);
  }

  /** For useSyncExternalStore: the first listener opens the feed subscription, the last closes it. */
  readonly subscribe = (listener: () => void): (() => void) => {
    const off = this.publisher.subscribe(listener);
    if (this.publisher.listenerCount === 1) this.start();
    return () => {
      off();
      if (this.publisher.listenerCount === 0) this.stop();
    };
  };

  /** For useSyncExternalStore: the last published value (same object until the next publish). */
  readonly getSnapshot = (): Loadable<T> => this.snapshot;

  get active(): boolean {
    return this.detach !== undefined;
  }

  /** Applies one frame of this subscription to the store's state. */
  protected abstract apply(event: FeedEvent): void;
  /** Current data for a publish, or undefined when there is none yet. */
  protected abstract view(): T | undefined;
  /** Forgets the data (the store stopped listening). */
  protected abstract reset(): void;

  /** Marks the store changed; listeners hear about it within the publish interval. */
  protected changed(): void {
    this.publisher.changed();
  }

  /** Publishes at once (status changes should not wait). */
  protected flush(): void {
    this.publisher.flush();
  }

  /** Called when the feed client reports a state change. */
  protected onFeedState(state: FeedState): void {
    if (state !== 'live') this.fresh = false;
  }

  private start(): void {
    if (this.detach) return;
    const offState = this.source.onState(() => {
      this.onFeedState(this.source.state);
      this.flush();
    });
    const offFeed = this.source.subscribe(this.sub, (event) => this.apply(event));
    this.detach = () => {
      offFeed();
      offState();
    };
    // React re-reads getSnapshot right after subscribing, so the current feed state shows at once
    this.rebuild();
  }

  private stop(): void {
    this.detach?.();
    this.detach = undefined;
    this.publisher.cancel();
    this.fresh = false;
    this.resyncing = false;
    this.reset();
    this.snapshot = LOADING;
  }

  private rebuild(): void {
    const data = this.view();
    const status = loadableStatus({
      feed: this.source.state,
      hasData: data !== undefined,
      fresh: this.fresh,
      resyncing: this.resyncing,
    });
    this.snapshot = toLoadable(status, data);
  }
}

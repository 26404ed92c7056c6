import type { ApiResult } from './api-client';

/**
 * A shared, self-refreshing copy of one private API read (open orders, balances). Every component that
 * reads it shares one timer and one request in flight; `refresh()` after a mutation shows its effect at
 * once, and `trigger` (a live feed channel) refreshes it whenever the account changes. Polls as a safety
 * net only while someone listens and the tab is visible; the server caches and coalesces these reads,
 * so many members refreshing together stay within Kraken's rate limits.
 */
export type ResourceState<T> =
  | { status: 'loading'; data: undefined; error: undefined }
  | { status: 'ready'; data: T; error: undefined }
  | { status: 'error'; data: T | undefined; error: string };

export interface PolledResource<T> {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ResourceState<T>;
  refresh(): Promise<void>;
}

const LOADING = { status: 'loading', data: undefined, error: undefined } as const;

/** Calls `changed` whenever the data may have changed; returns the undo. */
export type ChangeTrigger = (changed: () => void) => () => void;

export function polledResource<T>(load: () => Promise<ApiResult<T>>, periodMs: number, trigger?: ChangeTrigger): PolledResource<T> {
  let state: ResourceState<T> = LOADING;
  let inFlight: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let untrigger: (() => void) | undefined;
  const listeners = new Set<() => void>();

  const publish = (next: ResourceState<T>) => {
    state = next;
    for (const l of [...listeners]) l();
  };
  const schedule = () => {
    clearTimeout(timer);
    if (listeners.size === 0) return;
    timer = setTimeout(() => {
      if (typeof document !== 'undefined' && document.visibilityState === 'hidden') schedule();
      else void refresh();
    }, periodMs);
  };
  const refresh = (): Promise<void> => {
    inFlight ??= load()
      .then((result) => {
        if (result.ok) publish({ status: 'ready', data: result.data, error: undefined });
        else publish({ status: 'error', data: state.data, error: result.message });
      })
      .finally(() => {
        inFlight = undefined;
        // a change announced while a read was in flight may not be in its answer: read once more
        if (again) {
          again = false;
          void refresh();
        } else schedule();
      });
    return inFlight;
  };
  const changed = () => {
    if (inFlight) again = true;
    else void refresh();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        void refresh();
        untrigger = trigger?.(changed);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size > 0) return;
        clearTimeout(timer);
        untrigger?.();
        untrigger = undefined;
      };
    },
    getSnapshot: () => state,
    refresh,
  };
}

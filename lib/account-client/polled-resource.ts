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

/**
 * Calls `changed` whenever the data may have changed (read it again), or `redraw` when only the `view`
 * over the last answer changed; returns the undo.
 */
export type ChangeTrigger = (changed: () => void, redraw: () => void) => () => void;

export interface PolledResourceOptions<T> {
  trigger?: ChangeTrigger;
  /** what components see of each answer, e.g. the answer with live feed updates laid over it */
  view?: (data: T) => T;
}

export function polledResource<T>(load: () => Promise<ApiResult<T>>, periodMs: number, options: PolledResourceOptions<T> = {}): PolledResource<T> {
  const { trigger, view = (data: T) => data } = options;
  let state: ResourceState<T> = LOADING;
  /** the last answer as the API gave it, before `view` */
  let answer: T | undefined;
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
        if (result.ok) {
          answer = result.data;
          publish({ status: 'ready', data: view(result.data), error: undefined });
        } else publish({ status: 'error', data: answer === undefined ? undefined : view(answer), error: result.message });
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
  const redraw = () => {
    if (answer === undefined) return;
    publish(state.status === 'error' ? { ...state, data: view(answer) } : { status: 'ready', data: view(answer), error: undefined });
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (listeners.size === 1) {
        void refresh();
        untrigger = trigger?.(changed, redraw);
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

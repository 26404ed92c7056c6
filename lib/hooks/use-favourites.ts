'use client';

import { useCallback, useMemo, useSyncExternalStore } from 'react';

/**
 * The member's favourite markets, remembered in this browser under the member's name (so two members
 * sharing a machine keep their own lists) and kept in step across tabs through the `storage` event.
 */
export interface Favourites {
  has(symbol: string): boolean;
  toggle(symbol: string): void;
}

const keyFor = (member: string) => `kd-favourites:${member}`;
const localListeners = new Set<() => void>();

function read(member: string): string {
  try {
    return localStorage.getItem(keyFor(member)) ?? '[]';
  } catch {
    return '[]';
  }
}

function subscribe(listener: () => void): () => void {
  localListeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    localListeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

export function parseFavourites(text: string): Set<string> {
  try {
    const value: unknown = JSON.parse(text);
    return new Set(Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  } catch {
    return new Set();
  }
}

export function useFavourites(member: string): Favourites {
  const text = useSyncExternalStore(subscribe, () => read(member), () => '[]');
  const set = useMemo(() => parseFavourites(text), [text]);
  const toggle = useCallback(
    (symbol: string) => {
      const next = parseFavourites(read(member));
      if (next.has(symbol)) next.delete(symbol);
      else next.add(symbol);
      try {
        localStorage.setItem(keyFor(member), JSON.stringify([...next]));
      } catch {
        return;
      }
      for (const listener of localListeners) listener();
    },
    [member],
  );
  return useMemo(() => ({ has: (s: string) => set.has(s), toggle }), [set, toggle]);
}

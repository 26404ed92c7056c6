'use client';

import { useCallback, useMemo, useState, useTransition } from 'react';

/**
 * The member's favourite markets, stored on the server with the member (so they follow them to any
 * device). Toggles show at once and are undone if the server refuses them.
 */
export interface Favourites {
  /** the symbols, in the order they were marked */
  list: readonly string[];
  has(symbol: string): boolean;
  toggle(symbol: string): void;
  /** the last refusal, in words, for a toast or inline note */
  error: string | undefined;
}

export type SaveFavourite = (symbol: string, favourite: boolean) => Promise<{ ok: true; favourites: string[] } | { ok: false; message: string }>;

export function useFavourites(initial: readonly string[], save: SaveFavourite): Favourites {
  const [list, setList] = useState<readonly string[]>(initial);
  const [error, setError] = useState<string | undefined>();
  const [, startTransition] = useTransition();
  const set = useMemo(() => new Set(list), [list]);
  const toggle = useCallback(
    (symbol: string) => {
      const favourite = !set.has(symbol);
      const before = list;
      setList(favourite ? [...list, symbol] : list.filter((s) => s !== symbol));
      setError(undefined);
      startTransition(async () => {
        const result = await save(symbol, favourite).catch(() => ({ ok: false as const, message: 'The desk did not answer; favourites were not saved.' }));
        if (result.ok) setList(result.favourites);
        else {
          setList(before);
          setError(result.message);
        }
      });
    },
    [list, set, save],
  );
  return useMemo(() => ({ list, has: (s: string) => set.has(s), toggle, error }), [list, set, toggle, error]);
}

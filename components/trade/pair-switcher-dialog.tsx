'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useState } from 'react';
import { ModalDialog } from '@/components/ui/dialog';
import { pairSlug, searchPairs, type PairChoice } from '@/lib/markets/pair-search';

interface Props {
  current: string;
  pairs: readonly PairChoice[];
  onClose: () => void;
}

/**
 * A modal combobox (WAI-ARIA pattern): the input keeps focus, ↑/↓ move the active option, Enter opens
 * it, Escape (or a click outside) closes. The desk's one modal shell (ModalDialog) traps focus.
 */
export function PairSwitcherDialog({ current, pairs, onClose }: Props) {
  const router = useRouter();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const found = useMemo(() => searchPairs(pairs, query), [pairs, query]);

  useEffect(() => setActive(0), [query]);
  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const go = (pair: PairChoice | undefined) => {
    if (!pair) return;
    onClose();
    if (pair.symbol !== current) router.push(`/trade/${pairSlug(pair.symbol)}`);
  };

  return (
    <ModalDialog open title="Switch pair" titleHidden onCancel={onClose} cancelOnBackdrop placement="top" width="sm">
      <input
        autoFocus
        role="combobox"
        aria-label="Search pairs"
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={found.length > 0 ? `${listId}-${active}` : undefined}
        aria-autocomplete="list"
        placeholder="Search: bitcoin, xbt, ETH/USD…"
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            const n = found.length;
            if (n > 0) setActive((a) => (a + (e.key === 'ArrowDown' ? 1 : n - 1)) % n);
          } else if (e.key === 'Enter') {
            e.preventDefault();
            go(found[active]);
          }
        }}
        className="w-full rounded-md border border-border bg-panel-2 px-3 py-2 text-sm outline-none focus:border-accent"
      />
      <ul id={listId} role="listbox" aria-label="Pairs" className="max-h-[50vh] overflow-y-auto">
        {found.map((p, i) => (
          <li
            key={p.symbol}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            aria-current={p.symbol === current ? 'page' : undefined}
            onMouseMove={() => setActive(i)}
            onClick={() => go(p)}
            className="flex cursor-pointer items-baseline justify-between gap-3 rounded px-2 py-1.5 text-sm aria-selected:bg-panel-2"
          >
            <span className="font-medium">
              {p.base}
              <span className="text-muted">/{p.quote}</span>
            </span>
            <span className="text-xs text-muted">{p.altname}</span>
          </li>
        ))}
        {found.length === 0 ? <li className="px-2 py-1.5 text-sm text-muted">No pair matches “{query}”.</li> : null}
      </ul>
    </ModalDialog>
  );
}

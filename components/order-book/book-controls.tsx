'use client';

import { memo } from 'react';
import { BOOK_DEPTHS } from '@/lib/protocol-basics';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';
import { formatDecimal } from '@/lib/format';
import { formatScaled } from '@/lib/kraken/decimal-text';
import { groupStep, GROUPING_MULTIPLIERS } from './book-rows';

interface Props {
  depth: BookDepth;
  onDepth(depth: BookDepth): void;
  multiplier: number;
  onMultiplier(multiplier: number): void;
  tickSize: string;
  pricePrecision: number;
}

/** Depth (levels subscribed per side) and price grouping (tick multiples); memoised: the book re-renders ten times a second. */
export const BookControls = memo(function BookControls({ depth, onDepth, multiplier, onMultiplier, tickSize, pricePrecision }: Props) {
  const select = 'rounded border border-border bg-panel-2 px-1.5 py-0.5 text-xs';
  return (
    <div className="flex flex-wrap items-center gap-3 text-xs text-muted">
      <label className="flex items-center gap-1">
        Depth
        <select className={select} value={depth} onChange={(e) => onDepth(Number(e.target.value) as BookDepth)}>
          {BOOK_DEPTHS.map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1">
        Group
        <select className={select} value={multiplier} onChange={(e) => onMultiplier(Number(e.target.value))}>
          {GROUPING_MULTIPLIERS.map((m) => (
            <option key={m} value={m}>
              {formatDecimal(formatScaled(groupStep(tickSize, m, pricePrecision), pricePrecision), pricePrecision)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
});

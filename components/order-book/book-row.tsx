'use client';

import { memo } from 'react';

/**
 * One price level's row as React renders it: its cells stay empty for React; book-cells.ts writes its
 * raw values on every publish and its text at a slower pace. Memoised on its side alone, so a publish never re-renders a
 * row; rows are keyed by position, so a moving book rewrites text in place instead of inserting rows.
 */
export const BookTableRow = memo(function BookTableRow({ side }: { side: 'ask' | 'bid' }) {
  return (
    <tr data-side={side} className="h-5 cursor-pointer hover:bg-panel-2/60">
      <td className={`px-2 text-left ${side === 'ask' ? 'text-down' : 'text-up'}`} />
      <td className="px-2 text-right" />
      <td className="px-2 text-right text-muted" />
    </tr>
  );
});

'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { formatCompact, formatDecimal, formatPct, signOf } from '@/lib/format';
import { filterMarkets, sortMarkets, type MarketRow, type MarketSortKey } from '@/lib/markets/market-row';

const COLUMNS: { key: MarketSortKey; label: string; numeric: boolean; className?: string }[] = [
  { key: 'symbol', label: 'Market', numeric: false },
  { key: 'last', label: 'Last price', numeric: true },
  { key: 'changePct', label: '24h change', numeric: true },
  { key: 'high', label: '24h high', numeric: true, className: 'hidden md:table-cell' },
  { key: 'low', label: '24h low', numeric: true, className: 'hidden md:table-cell' },
  { key: 'quoteVolume', label: '24h volume', numeric: true, className: 'hidden sm:table-cell' },
];

/** The markets list: search and sort by any column; a row opens its trade page. */
export function MarketsTable({ rows }: { rows: MarketRow[] }) {
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<{ key: MarketSortKey; direction: 'asc' | 'desc' }>({ key: 'quoteVolume', direction: 'desc' });
  const visible = useMemo(() => sortMarkets(filterMarkets(rows, query), sort.key, sort.direction), [rows, query, sort]);

  const toggle = (key: MarketSortKey) =>
    setSort((s) => ({ key, direction: s.key === key ? (s.direction === 'asc' ? 'desc' : 'asc') : key === 'symbol' ? 'asc' : 'desc' }));

  return (
    <div className="space-y-3">
      <label className="flex max-w-sm items-center gap-2 rounded-md border border-border bg-panel px-3 py-2 text-sm">
        <span className="text-muted">Search</span>
        <input
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          placeholder="BTC, ETH/USD…"
          className="w-full bg-transparent outline-none placeholder:text-muted"
        />
      </label>
      <div className="overflow-x-auto rounded-lg border border-border bg-panel">
        <table className="w-full text-sm tabular">
          <caption className="sr-only">Markets, {visible.length} shown</caption>
          <thead className="border-b border-border text-xs text-muted">
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={`px-3 py-2 font-medium ${c.numeric ? 'text-right' : 'text-left'} ${c.className ?? ''}`}
                  aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
                >
                  <button type="button" onClick={() => toggle(c.key)} className="inline-flex items-center gap-1 hover:text-text">
                    {c.label}
                    <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {visible.map((r) => {
              const trend = signOf(r.changePct);
              return (
                <tr key={r.symbol} className="border-b border-border/60 last:border-0 hover:bg-panel-2">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link href={`/trade/${r.slug}`} className="hover:text-accent">
                      {r.base}
                      <span className="text-muted">/{r.quote}</span>
                    </Link>
                  </th>
                  <td className="px-3 py-2 text-right">{formatDecimal(r.last, r.pricePrecision)}</td>
                  <td className={`px-3 py-2 text-right ${trend > 0 ? 'text-up' : trend < 0 ? 'text-down' : 'text-muted'}`}>
                    {formatPct(r.changePct)}
                  </td>
                  <td className="hidden px-3 py-2 text-right md:table-cell">{formatDecimal(r.high, r.pricePrecision)}</td>
                  <td className="hidden px-3 py-2 text-right md:table-cell">{formatDecimal(r.low, r.pricePrecision)}</td>
                  <td className="hidden px-3 py-2 text-right sm:table-cell">${formatCompact(r.quoteVolume, 0)}</td>
                </tr>
              );
            })}
            {visible.length === 0 && (
              <tr>
                <td colSpan={COLUMNS.length} className="px-3 py-6 text-center text-muted">
                  No market matches “{query}”.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}

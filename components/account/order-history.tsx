'use client';

import { useEffect, useState } from 'react';
import { Button } from '@/components/ui/button';
import { toCsv } from '@/lib/ticket/csv';
import { loadHistory, type HistoryFilters, type HistoryKind, type HistoryPage } from '@/lib/ticket/history';
import { downloadText } from './download';
import { HISTORY_COLUMNS, cellOf } from './history-columns';
import { HistoryFilterBar } from './history-filters';
import { Num, When } from './order-cells';

const TABS: { kind: HistoryKind; label: string }[] = [
  { kind: 'closed', label: 'Closed orders' },
  { kind: 'fills', label: 'Fills' },
  { kind: 'ledger', label: 'Ledger' },
];
const NO_FILTERS: HistoryFilters = { symbol: '', side: '', from: '', to: '' };

type View = { status: 'loading' } | { status: 'ready'; page: HistoryPage } | { status: 'error'; message: string };

/** Closed orders, fills and the ledger: filters, paging by the server's page and CSV export of the rows shown. */
export function OrderHistory() {
  const [kind, setKind] = useState<HistoryKind>('closed');
  const [filters, setFilters] = useState(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [view, setView] = useState<View>({ status: 'loading' });

  useEffect(() => {
    let live = true;
    setView({ status: 'loading' });
    // typing in a filter should not send a request per key
    const timer = setTimeout(() => {
      void loadHistory(kind, filters, page).then((r) => {
        if (live) setView(r.ok ? { status: 'ready', page: r.data } : { status: 'error', message: r.message });
      });
    }, 250);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [kind, filters, page]);

  const columns = HISTORY_COLUMNS[kind];
  const rows = view.status === 'ready' ? view.page.rows : [];
  const total = view.status === 'ready' ? view.page.total : undefined;
  const pageSize = view.status === 'ready' ? view.page.pageSize : 50;
  const hasNext = view.status === 'ready' && (total !== undefined ? (page + 1) * pageSize < total : view.page.pageRows >= pageSize);

  const exportCsv = () => {
    const csv = toCsv(columns.map((c) => c.label), rows.map((r) => columns.map((c) => cellOf(r, c))));
    downloadText(`kraken-desk-${kind}-${new Date().toISOString().slice(0, 10)}-p${page + 1}.csv`, csv);
  };

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="history-heading" className="text-base font-semibold">History</h2>
      <div role="tablist" aria-label="History" className="flex gap-1 overflow-x-auto">
        {TABS.map((t) => (
          <button
            key={t.kind}
            role="tab"
            type="button"
            aria-selected={kind === t.kind}
            onClick={() => {
              setKind(t.kind);
              setPage(0);
            }}
            className={`whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-accent ${kind === t.kind ? 'bg-panel-2 text-text' : 'text-muted hover:text-text'}`}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" aria-label={TABS.find((t) => t.kind === kind)?.label} className="flex flex-col gap-3">
        <HistoryFilterBar
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPage(0);
          }}
        />
        {view.status === 'error' ? <p role="alert" className="text-sm text-down">{view.message}</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full min-w-[44rem] text-sm">
            <thead className="text-left text-xs text-muted">
              <tr>
                {columns.map((c) => (
                  <th key={c.label} scope="col" className={`px-2 py-1.5 font-medium ${c.numeric ? 'text-right' : ''}`}>{c.label}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => (
                <tr key={r.id ?? r.refid ?? i} className="border-t border-border">
                  {columns.map((c, j) => {
                    const v = cellOf(r, c);
                    return (
                      <td key={c.label} className={`px-2 py-1.5 ${c.numeric ? 'text-right' : ''}`}>
                        {j === 0 ? <When value={v} /> : c.numeric ? <Num value={v} /> : (v ?? '—')}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {rows.length === 0 && view.status !== 'error' ? (
            <p className="p-3 text-sm text-muted">{view.status === 'loading' ? 'Loading…' : 'Nothing here for these filters.'}</p>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <Button size="sm" disabled={page === 0} onClick={() => setPage(Math.max(0, page - 1))}>Newer</Button>
            <span className="text-xs text-muted">
              Page {page + 1}
              {total !== undefined ? ` of ${Math.max(1, Math.ceil(total / pageSize))} (${total} orders)` : ''}
            </span>
            <Button size="sm" disabled={!hasNext} onClick={() => setPage(page + 1)}>Older</Button>
          </div>
          <Button size="sm" disabled={rows.length === 0} onClick={exportCsv}>Export CSV</Button>
        </div>
      </div>
    </section>
  );
}

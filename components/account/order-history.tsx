'use client';

import { useEffect, useId, useState } from 'react';
import { Button } from '@/components/ui/button';
import { TabList, tabPanelId } from '@/components/ui/tab-list';
import { toast } from '@/components/ui/toast-store';
import { loadHistory, type HistoryFilters, type HistoryKind, type HistoryPage } from '@/lib/account-client/history';
import { downloadText } from './download';
import { HISTORY_COLUMNS, cellOf, historyCsv } from './history-columns';
import { HistoryFilterBar } from './history-filters';
import { Num, When } from './order-cells';

const TABS: { kind: HistoryKind; label: string; noun: string }[] = [
  { kind: 'closed', label: 'Closed orders', noun: 'orders' },
  { kind: 'fills', label: 'Fills', noun: 'fills' },
  { kind: 'ledger', label: 'Ledger', noun: 'entries' },
];
const NO_FILTERS: HistoryFilters = { symbol: '', side: '', from: '', to: '' };

type View = { status: 'loading' } | { status: 'ready'; page: HistoryPage } | { status: 'error'; message: string };

/** The page of `kind` for these filters, loaded a moment after the last change (typing should not send a request per key). */
function useHistoryPage(kind: HistoryKind, filters: HistoryFilters, page: number): View {
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
  return view;
}

/**
 * Closed orders, fills and the ledger. The server applies the filters over all of the history and pages the
 * result; CSV export asks it for every matching row, not just the page on screen.
 */
export function OrderHistory() {
  const [kind, setKind] = useState<HistoryKind>('closed');
  const tabsId = useId();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [page, setPage] = useState(0);
  const view = useHistoryPage(kind, filters, page);
  const [exporting, setExporting] = useState(false);

  const rows = view.status === 'ready' ? view.page.rows : [];
  const total = view.status === 'ready' ? view.page.total : undefined;
  const pageSize = view.status === 'ready' ? view.page.pageSize : 50;
  const hasNext = view.status === 'ready' && (total !== undefined ? (page + 1) * pageSize < total : view.page.pageRows >= pageSize);

  const tab = TABS.find((t) => t.kind === kind) ?? TABS[0]!;

  const exportCsv = async () => {
    setExporting(true);
    const all = await loadHistory(kind, filters, 'all');
    setExporting(false);
    if (!all.ok) return void toast('error', 'Export failed', all.message);
    downloadText(`kraken-desk-${kind}-${new Date().toISOString().slice(0, 10)}.csv`, historyCsv(kind, all.data.rows));
    toast('success', `Exported ${all.data.rows.length} ${tab.noun}`, all.data.complete ? undefined : 'Only the newest part of the history was searched; narrow the dates to export older rows.');
  };

  return (
    <section aria-labelledby="history-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <h2 id="history-heading" className="text-base font-semibold">History</h2>
      <TabList
        label="History"
        tabs={TABS.map((t) => ({ key: t.kind, label: t.label }))}
        selected={kind}
        onSelect={(next) => {
          setKind(next);
          setPage(0);
        }}
        idBase={tabsId}
        className="flex gap-1 overflow-x-auto"
        tabClassName={(selected) =>
          `whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-accent ${selected ? 'bg-panel-2 text-text' : 'text-muted hover:text-text'}`
        }
      />
      <div role="tabpanel" id={tabPanelId(tabsId, kind)} aria-labelledby={`${tabsId}-${kind}`} className="flex flex-col gap-3">
        <HistoryFilterBar
          kind={kind}
          value={filters}
          onChange={(next) => {
            setFilters(next);
            setPage(0);
          }}
        />
        {view.status === 'error' ? <p role="alert" className="text-sm text-down">{view.message}</p> : null}
        {view.status === 'ready' && !view.page.complete ? (
          <p className="text-sm text-muted">Only the newest part of the history was searched for these filters; narrow the dates to see older rows.</p>
        ) : null}
        <HistoryTable kind={kind} rows={rows} view={view} />
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex items-center gap-2">
            <Button size="sm" disabled={page === 0} onClick={() => setPage(Math.max(0, page - 1))}>Newer</Button>
            <span className="text-xs text-muted">
              Page {page + 1}
              {total !== undefined ? ` of ${Math.max(1, Math.ceil(total / pageSize))} (${total} ${tab.noun})` : ''}
            </span>
            <Button size="sm" disabled={!hasNext} onClick={() => setPage(page + 1)}>Older</Button>
          </div>
          <Button size="sm" disabled={rows.length === 0 || exporting} aria-busy={exporting} onClick={() => void exportCsv()}>
            {exporting ? 'Exporting…' : 'Export CSV'}
          </Button>
        </div>
      </div>
    </section>
  );
}

function HistoryTable({ kind, rows, view }: { kind: HistoryKind; rows: HistoryPage['rows']; view: View }) {
  const columns = HISTORY_COLUMNS[kind];
  return (
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
            <tr key={r.txid ?? r.tradeTxid ?? r.ledgerId ?? i} className="border-t border-border">
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
  );
}

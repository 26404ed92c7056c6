import type { AuditEntry } from './types';

/** The newest audit rows and links to export the whole hash-chained log. */
export function AuditPanel({ rows }: { rows: AuditEntry[] }) {
  return (
    <section aria-labelledby="audit-heading" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id="audit-heading" className="text-base font-semibold">Audit log</h2>
        <div className="flex gap-2 text-sm">
          <a className="rounded-md border border-border px-2 py-1 hover:border-accent focus-visible:outline-2 focus-visible:outline-accent" href="/api/audit?format=csv" download>
            Export CSV
          </a>
          <a className="rounded-md border border-border px-2 py-1 hover:border-accent focus-visible:outline-2 focus-visible:outline-accent" href="/api/audit?format=json&limit=1000&verify=1">
            Export JSON
          </a>
        </div>
      </div>
      <div className="max-h-[32rem] overflow-auto">
        <table className="w-full min-w-[44rem] text-sm">
          <thead className="sticky top-0 bg-panel text-left text-xs text-muted">
            <tr>
              <th scope="col" className="px-2 py-1.5 font-medium">#</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Time (UTC)</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Who</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Action</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Subject</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Outcome</th>
              <th scope="col" className="px-2 py-1.5 font-medium">Detail</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.seq} className="border-t border-border align-top">
                <td className="px-2 py-1 tabular-nums text-muted">{r.seq}</td>
                <td className="whitespace-nowrap px-2 py-1 tabular-nums">{r.at.replace('T', ' ').slice(0, 19)}</td>
                <td className="px-2 py-1">{r.actor}</td>
                <td className="px-2 py-1">{r.action}{r.phase !== 'event' ? <span className="text-muted"> ({r.phase})</span> : null}</td>
                <td className="px-2 py-1">{r.subject ?? '—'}</td>
                <td className={`px-2 py-1 ${r.outcome === 'error' ? 'text-down' : r.outcome === 'unknown' ? 'text-muted' : ''}`}>{r.outcome ?? '—'}</td>
                <td className="max-w-[20rem] truncate px-2 py-1 font-mono text-xs text-muted" title={r.detail}>{r.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rows.length === 0 ? <p className="p-3 text-sm text-muted">No audit rows yet.</p> : null}
      </div>
    </section>
  );
}

import type { KeyHealthReport } from '@/lib/key-health-report';
import { KeyHealthFindings } from './key-health-findings';

type Ok = Extract<KeyHealthReport, { status: 'ok' }>;

const utc = (seconds: number | undefined, none: string) =>
  seconds === undefined ? none : `${new Date(seconds * 1000).toISOString().replace('T', ' ').slice(0, 19)} UTC`;

/** Key health for admins: findings, then what Kraken reports of the key. Never the secret; the key as a prefix. */
export function KeyHealth({ report }: { report: KeyHealthReport }) {
  if (report.status === 'no_key') {
    return <p className="rounded-md border border-border p-3 text-sm">No Kraken API key is configured (KRAKEN_API_KEY and its secret): the desk shows market data only.</p>;
  }
  if (report.status === 'error') {
    return (
      <div role="alert" className="rounded-md border border-down/40 bg-down/10 p-3 text-sm">
        <p className="font-medium">{report.message}</p>
        <p className="text-muted">Round trip {report.latencyMs} ms, checked {utc(Math.floor(report.checkedAt / 1000), '')}.</p>
      </div>
    );
  }
  return (
    <div className="flex flex-col gap-4">
      <KeyHealthFindings findings={report.assessment.findings} />
      <KeyFacts report={report} />
      <section aria-labelledby="key-permissions" className="flex flex-col gap-2">
        <h2 id="key-permissions" className="text-base font-semibold">Permissions{report.assessment.readOnly ? ' (read-only desk)' : ''}</h2>
        {report.assessment.permissions.length === 0 ? <p className="text-sm text-muted">None.</p> : (
          <ul className="flex flex-wrap gap-2 text-sm">
            {report.assessment.permissions.map((p) => (
              <li key={p.code} title={p.code} className={`rounded-md border px-2 py-0.5 ${p.funding ? 'border-down text-down' : 'border-border'}`}>{p.label}</li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function KeyFacts({ report }: { report: Ok }) {
  const { key } = report;
  const rows: [string, string][] = [
    ['Name', key.name],
    ['Key', key.keyPrefix ?? '—'],
    ['IP allow-list', key.ipAllowlist.length > 0 ? key.ipAllowlist.join(', ') : 'none (any address)'],
    ['Nonce window', key.nonceWindow === undefined ? '—' : key.nonceWindow === 0 ? '0 (strictly increasing)' : String(key.nonceWindow)],
    ['Valid until', utc(key.validUntil, 'no expiry')],
    ['Query range', key.queryFrom === undefined && key.queryTo === undefined ? 'unrestricted' : `${utc(key.queryFrom, 'any')} – ${utc(key.queryTo, 'any')}`],
    ['Created', utc(key.createdTime, '—')],
    ['Modified', utc(key.modifiedTime, '—')],
    ['Last used', utc(key.lastUsed, 'never')],
    ['Signed round trip', `${report.latencyMs} ms (GetApiKeyInfo, ${utc(Math.floor(report.checkedAt / 1000), '')})`],
  ];
  return (
    <section aria-labelledby="key-facts" className="flex flex-col gap-2">
      <h2 id="key-facts" className="text-base font-semibold">The key</h2>
      <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {rows.map(([term, value]) => (
          <div key={term} className="contents">
            <dt className="text-muted">{term}</dt>
            <dd className="tabular-nums">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

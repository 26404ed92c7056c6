import type { KeyFinding } from '@/lib/key-health';

const STYLE: Record<KeyFinding['severity'], { box: string; mark: string; label: string }> = {
  danger: { box: 'border-down/40 bg-down/10', mark: 'text-down', label: 'Risk' },
  warning: { box: 'border-amber-500/40 bg-amber-500/10', mark: 'text-amber-500', label: 'Note' },
  info: { box: 'border-border', mark: 'text-muted', label: 'Tip' },
};

/** The findings, red first, each with what to change on Kraken. */
export function KeyHealthFindings({ findings }: { findings: KeyFinding[] }) {
  if (findings.length === 0) {
    return <p className="rounded-md border border-up/60 p-2 text-sm">Nothing to change: the key can trade, read what the desk needs and nothing more.</p>;
  }
  return (
    <ul aria-label="Findings" className="flex flex-col gap-2">
      {findings.map((f) => (
        <li key={f.title} data-severity={f.severity} className={`rounded-md border p-2 text-sm ${STYLE[f.severity].box}`}>
          <p className="font-medium">
            <span className={STYLE[f.severity].mark}>{STYLE[f.severity].label}: </span>
            {f.title}
          </p>
          <p className="text-muted">{f.fix}</p>
        </li>
      ))}
    </ul>
  );
}

import type { DeadManReport } from '@/lib/orders/dead-man-report';

/** The dead-man's switch as this desk instance keeps it (lib/orders/dead-man-report.ts), under the desk controls. */
export function DeadManStatus({ report }: { report: DeadManReport }) {
  const tone = report.tone === 'warn' ? 'text-down' : report.tone === 'ok' ? 'text-up' : 'text-muted';
  return (
    <p data-testid="dead-man-state" className={`text-sm ${tone}`}>
      <span className="font-semibold">Dead-man&apos;s switch refresh: </span>
      {report.text}
    </p>
  );
}

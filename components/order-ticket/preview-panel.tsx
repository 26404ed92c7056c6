import { formatDecimal } from '@/lib/format';
import type { OrderPreview } from '@/lib/desk-api/preview';

interface Props {
  preview: OrderPreview;
  quote: string;
  pricePrecision: number;
}

/**
 * The server's impact preview: average fill, slippage, fee, share of visible depth, the desk's own checks
 * (frozen desk, the member's limits) and Kraken's dry run. A desk refusal is shown first: Kraken would
 * accept an order the desk itself turns down.
 */
export function PreviewPanel({ preview, quote, pricePrecision }: Props) {
  const { validation, deskCheck } = preview;
  return (
    <div aria-label="Order preview" role="group" className="rounded-md border border-border bg-panel-2 p-2 text-xs">
      <dl className="grid grid-cols-2 gap-x-3 gap-y-1">
        <dt className="text-muted">Average fill</dt>
        <dd className="text-right tabular-nums">{preview.avgFillPrice ? `${formatDecimal(preview.avgFillPrice, pricePrecision)} ${quote}` : '—'}</dd>
        <dt className="text-muted">Slippage</dt>
        <dd className="text-right tabular-nums">{preview.slippageBps ? `${formatDecimal(preview.slippageBps, 1)} bps` : '—'}</dd>
        <dt className="text-muted">Fee (est.)</dt>
        <dd className="text-right tabular-nums">{preview.estimatedFee ? `${formatDecimal(preview.estimatedFee, 2)} ${quote}` : '—'}</dd>
        <dt className="text-muted">Share of visible depth</dt>
        <dd className="text-right tabular-nums">{preview.shareOfVisibleDepthPct ? `${formatDecimal(preview.shareOfVisibleDepthPct, 2)}%` : '—'}</dd>
        <dt className="text-muted">Desk checks</dt>
        <dd data-testid="preview-desk-check" className={`text-right ${deskCheck?.ok ? 'text-up' : deskCheck ? 'text-down' : ''}`}>
          {deskCheck ? (deskCheck.ok ? 'Passed' : deskCheck.message) : '—'}
        </dd>
        {preview.needsApproval ? (
          <>
            <dt className="text-muted">Four eyes</dt>
            <dd data-testid="preview-needs-approval" className="text-right text-accent">
              Needs approval{preview.approvalAboveUsd ? ` (above ${formatDecimal(preview.approvalAboveUsd, 2)} USD)` : ''}
            </dd>
          </>
        ) : null}
        <dt className="text-muted">Kraken dry run</dt>
        <dd className={`text-right ${validation?.ok ? 'text-up' : validation ? 'text-down' : ''}`}>
          {validation ? (validation.ok ? 'Accepted' : validation.message) : '—'}
        </dd>
      </dl>
      {preview.confirmationReasons.length > 0 ? (
        <ul className="mt-2 list-disc space-y-0.5 pl-4 text-down">
          {preview.confirmationReasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

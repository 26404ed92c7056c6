import type { DrawableCandle } from '@/lib/candles/chart-bars';
import { setText } from '@/components/ui/set-text';
import { formatDecimal } from '@/lib/format';
import type { StudyLegend } from './chart-studies';

const FIELDS = [
  { key: 'open', label: 'O', width: 'w-[10ch]' },
  { key: 'high', label: 'H', width: 'w-[10ch]' },
  { key: 'low', label: 'L', width: 'w-[10ch]' },
  { key: 'close', label: 'C', width: 'w-[10ch]' },
  { key: 'volume', label: 'V', width: 'w-[11ch]' },
] as const;

/**
 * Each value is written into a box of fixed size with `contain: strict`, so a live candle lays out that box
 * alone: the legend's own boxes are flex items, which cannot bound a layout, and without this every trade
 * laid out the whole trade page.
 */
const VALUE_BOX = 'block h-4 max-w-full overflow-hidden whitespace-nowrap [contain:strict]';

/**
 * The OHLCV readout above the chart, then each study's values at the same bar ("SMA 20 67,234.5"). Rendered once by React; its numbers are written by `writeLegend`
 * on crosshair moves and live candles, so hovering and trading never re-render the page.
 */
export function ChartLegend({ legendRef }: { legendRef: React.RefObject<HTMLDListElement | null> }) {
  return (
    <dl ref={legendRef} aria-label="Candle values" className="flex min-h-5 flex-wrap items-center gap-x-3 gap-y-0.5 text-xs tabular">
      <div className="flex gap-1">
        <dt className="sr-only">Time (UTC)</dt>
        <dd data-field="time" className="text-muted">
          <span className={`${VALUE_BOX} w-[16ch]`}>—</span>
        </dd>
      </div>
      {FIELDS.map((f) => (
        <div key={f.key} className="flex gap-1">
          <dt className="text-muted">{f.label}</dt>
          <dd data-field={f.key} className="data-[dir=down]:text-down data-[dir=up]:text-up">
            <span className={`${VALUE_BOX} ${f.width}`}>—</span>
          </dd>
        </div>
      ))}
      <div className="contents">
        <dt className="sr-only">Studies</dt>
        <dd data-field="studies" className="contents" />
      </div>
    </dl>
  );
}

/** `1700000000` → `2023-11-14 22:13` (UTC, as the chart's time axis shows). */
export function formatCandleTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Writes `candle` (or dashes) and the studies' values into the legend rendered by ChartLegend. */
export function writeLegend(root: HTMLElement | null, candle: DrawableCandle | undefined, precision: { price: number; qty: number }, studies: readonly StudyLegend[] = []): void {
  if (!root) return;
  const dir = candle === undefined ? '' : Number(candle.close) >= Number(candle.open) ? 'up' : 'down';
  const set = (field: string, text: string) => {
    const el = root.querySelector<HTMLElement>(`[data-field="${field}"]`);
    if (!el) return;
    setText(el.firstElementChild ?? el, text);
    if (field === 'close' && el.dataset.dir !== dir) el.dataset.dir = dir;
  };
  set('time', candle ? formatCandleTime(candle.time) : '—');
  for (const f of FIELDS) {
    const decimals = f.key === 'volume' ? precision.qty : precision.price;
    set(f.key, candle ? formatDecimal(candle[f.key], decimals) : '—');
  }
  writeStudies(root.querySelector<HTMLElement>('[data-field="studies"]'), studies);
}

/** One span per study, reused across writes so a crosshair move only changes text. */
function writeStudies(box: HTMLElement | null, studies: readonly StudyLegend[]): void {
  if (!box) return;
  while (box.children.length > studies.length) box.lastElementChild!.remove();
  while (box.children.length < studies.length) {
    const span = document.createElement('span');
    span.dataset.study = '';
    box.append(span);
  }
  studies.forEach((study, i) => {
    const span = box.children[i] as HTMLElement;
    setText(span, study.text);
    if (span.dataset.color !== study.color) {
      span.dataset.color = study.color;
      span.style.color = study.color;
    }
  });
}

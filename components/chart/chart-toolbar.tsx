import type { KeyboardEvent } from 'react';
import type { OhlcIntervalMinutes } from '@/lib/candles/ohlc-response';

export const CHART_INTERVALS: { minutes: OhlcIntervalMinutes; label: string; name: string }[] = [
  { minutes: 1, label: '1m', name: '1 minute' },
  { minutes: 5, label: '5m', name: '5 minutes' },
  { minutes: 15, label: '15m', name: '15 minutes' },
  { minutes: 30, label: '30m', name: '30 minutes' },
  { minutes: 60, label: '1h', name: '1 hour' },
  { minutes: 240, label: '4h', name: '4 hours' },
  { minutes: 1440, label: '1d', name: '1 day' },
  { minutes: 10080, label: '1w', name: '1 week' },
];

export interface Overlays {
  sma: boolean;
  ema: boolean;
}

interface ChartToolbarProps {
  interval: OhlcIntervalMinutes;
  onInterval: (minutes: OhlcIntervalMinutes) => void;
  overlays: Overlays;
  onOverlays: (overlays: Overlays) => void;
  smaPeriod: number;
  emaPeriod: number;
}

/** Arrow keys move between the toolbar's buttons (WAI-ARIA toolbar pattern); Tab leaves it. */
function moveFocus(event: KeyboardEvent<HTMLDivElement>): void {
  const keys: Record<string, (i: number, n: number) => number> = {
    ArrowRight: (i, n) => (i + 1) % n, ArrowLeft: (i, n) => (i - 1 + n) % n, Home: () => 0, End: (_i, n) => n - 1,
  };
  const move = keys[event.key];
  if (!move) return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('button')];
  const index = buttons.indexOf(document.activeElement as HTMLButtonElement);
  if (index < 0) return;
  event.preventDefault();
  buttons[move(index, buttons.length)]?.focus();
}

const BUTTON =
  'rounded px-2 py-1 text-xs font-medium text-muted hover:bg-panel-2 hover:text-text aria-pressed:bg-panel-2 aria-pressed:text-text';

export function ChartToolbar(props: ChartToolbarProps) {
  const { overlays } = props;
  return (
    <div role="toolbar" aria-label="Chart settings" onKeyDown={moveFocus} className="flex flex-wrap items-center gap-1">
      <div role="group" aria-label="Interval" className="flex flex-wrap gap-0.5">
        {CHART_INTERVALS.map((i) => (
          <button
            key={i.minutes}
            type="button"
            aria-pressed={props.interval === i.minutes}
            title={i.name}
            onClick={() => props.onInterval(i.minutes)}
            className={BUTTON}
          >
            {i.label}
          </button>
        ))}
      </div>
      <span aria-hidden="true" className="mx-1 h-4 w-px bg-border" />
      <div role="group" aria-label="Indicators" className="flex flex-wrap gap-0.5">
        <button type="button" aria-pressed={overlays.sma} onClick={() => props.onOverlays({ ...overlays, sma: !overlays.sma })} className={BUTTON}>
          SMA {props.smaPeriod}
        </button>
        <button type="button" aria-pressed={overlays.ema} onClick={() => props.onOverlays({ ...overlays, ema: !overlays.ema })} className={BUTTON}>
          EMA {props.emaPeriod}
        </button>
      </div>
    </div>
  );
}

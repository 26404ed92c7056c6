import type { KeyboardEvent } from 'react';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import type { MemberUiSettings } from '@/lib/settings/member-ui';
import { INDICATOR_KINDS, type IndicatorKind } from '@/lib/settings/member-ui-basics';
import { STUDY_NAMES } from '@/lib/candles/study-readout';
import { STUDY_DEFAULTS_LIGHT } from './study-labels';

export const CHART_INTERVALS: { minutes: OhlcInterval; label: string; name: string }[] = [
  { minutes: 1, label: '1m', name: '1 minute' },
  { minutes: 5, label: '5m', name: '5 minutes' },
  { minutes: 15, label: '15m', name: '15 minutes' },
  { minutes: 30, label: '30m', name: '30 minutes' },
  { minutes: 60, label: '1h', name: '1 hour' },
  { minutes: 240, label: '4h', name: '4 hours' },
  { minutes: 1440, label: '1d', name: '1 day' },
  { minutes: 10080, label: '1w', name: '1 week' },
  { minutes: 21600, label: '2w', name: '2 weeks' },
];

export type ChartSettings = MemberUiSettings['chart'];

interface ChartToolbarProps {
  settings: ChartSettings;
  onChange: (patch: Partial<ChartSettings>) => void;
  onFullscreen: () => void;
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
const SELECT = 'rounded border border-border bg-panel-2 px-1 py-0.5 text-xs text-text';

export function ChartToolbar({ settings, onChange, onFullscreen }: ChartToolbarProps) {
  const on = (kind: IndicatorKind) => settings.indicators.find((i) => i.kind === kind);
  const toggle = (kind: IndicatorKind) =>
    onChange({
      indicators: on(kind) ? settings.indicators.filter((i) => i.kind !== kind) : [...settings.indicators, { kind, period: STUDY_DEFAULTS_LIGHT[kind] }],
    });
  const setPeriod = (kind: IndicatorKind, period: number) => {
    if (!Number.isInteger(period) || period < 2 || period > 400) return;
    onChange({ indicators: settings.indicators.map((i) => (i.kind === kind ? { kind, period } : i)) });
  };
  return (
    <div className="flex flex-wrap items-center gap-1">
      <div role="toolbar" aria-label="Chart settings" onKeyDown={moveFocus} className="flex flex-wrap items-center gap-1">
        <div role="group" aria-label="Interval" className="flex flex-wrap gap-0.5">
          {CHART_INTERVALS.map((i) => (
            <button key={i.minutes} type="button" aria-pressed={settings.interval === i.minutes} title={i.name} aria-label={i.label}
              onClick={() => onChange({ interval: i.minutes })} className={BUTTON}>
              {i.label}
            </button>
          ))}
        </div>
        <span aria-hidden="true" className="mx-1 h-4 w-px bg-border" />
        <div role="group" aria-label="Indicators" className="flex flex-wrap gap-0.5">
          {INDICATOR_KINDS.map((kind) => {
            const study = on(kind);
            const label = kind === 'vwap' ? STUDY_NAMES[kind] : `${STUDY_NAMES[kind]} ${study?.period ?? STUDY_DEFAULTS_LIGHT[kind]}`;
            return (
              <button key={kind} type="button" aria-pressed={Boolean(study)} onClick={() => toggle(kind)} className={BUTTON}>
                {label}
              </button>
            );
          })}
        </div>
        <button type="button" onClick={onFullscreen} className={BUTTON} title="Fullscreen (Esc leaves)">
          Fullscreen
        </button>
      </div>
      <label className="flex items-center gap-1 text-xs text-muted">
        Type
        <select className={SELECT} value={settings.type} onChange={(e) => onChange({ type: e.target.value as ChartSettings['type'] })}>
          <option value="candles">Candles</option>
          <option value="heikin-ashi">Heikin-Ashi</option>
          <option value="line">Line</option>
        </select>
      </label>
      <label className="flex items-center gap-1 text-xs text-muted">
        Scale
        <select className={SELECT} value={settings.scale} onChange={(e) => onChange({ scale: e.target.value as ChartSettings['scale'] })}>
          <option value="normal">Linear</option>
          <option value="log">Log</option>
          <option value="percent">Percent</option>
        </select>
      </label>
      {settings.indicators.filter((i) => i.kind !== 'vwap').map((i) => (
        <label key={i.kind} className="flex items-center gap-1 text-xs text-muted">
          {STUDY_NAMES[i.kind]} period
          <input type="number" min={2} max={400} className={`${SELECT} w-14`} defaultValue={i.period}
            onBlur={(e) => setPeriod(i.kind, Number(e.target.value))}
            onKeyDown={(e) => e.key === 'Enter' && setPeriod(i.kind, Number(e.currentTarget.value))} />
        </label>
      ))}
    </div>
  );
}

/**
 * The value a splitter's key moves it to (WAI-ARIA window splitter): arrows step, Shift+arrow steps five
 * times as far, Home and End go to the bounds; `increase` names the arrow keys that make the value larger.
 * Undefined for any other key (so the key does what it otherwise does).
 */
export interface SplitterRange {
  min: number;
  max: number;
  step: number;
}

export function splitterKey(value: number, key: string, shift: boolean, increase: readonly string[], range: SplitterRange): number | undefined {
  const clamp = (v: number) => Math.min(range.max, Math.max(range.min, Math.round(v)));
  if (key === 'Home') return range.min;
  if (key === 'End') return range.max;
  const arrows = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown'];
  if (!arrows.includes(key)) return undefined;
  const step = range.step * (shift ? 5 : 1);
  return clamp(value + (increase.includes(key) ? step : -step));
}

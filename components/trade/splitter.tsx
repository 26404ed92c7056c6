'use client';

import { useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { splitterKey, type SplitterRange } from './splitter-keys';

interface Props {
  /** what the separator resizes, e.g. "Book and ticket width" */
  label: string;
  orientation: 'vertical' | 'horizontal';
  value: number;
  range: SplitterRange;
  /** arrow keys that make the value larger */
  increase: readonly string[];
  /** the value a pointer moved `dx`/`dy` px from where it pressed makes, from the value at the press */
  fromDrag: (start: number, dx: number, dy: number) => number;
  /** during a pointer drag: show the value at once (no React render of the page per move) */
  onPreview: (value: number) => void;
  /** the value is chosen (key press or the end of a drag): keep it */
  onCommit: (value: number) => void;
  /** the text a screen reader says for the value, e.g. "600 px" */
  valueText: (value: number) => string;
  className?: string;
}

/**
 * A focusable window splitter (WAI-ARIA `separator`): arrows resize (Shift for bigger steps, Home/End to
 * the bounds), a pointer drags it. Only the chosen value reaches React and the member's settings.
 */
export function Splitter({ label, orientation, value, range, increase, fromDrag, onPreview, onCommit, valueText, className = '' }: Props) {
  const drag = useRef<{ x: number; y: number; start: number; last: number } | undefined>(undefined);
  const [shown, setShown] = useState<number | undefined>(undefined);
  const now = shown ?? value;
  const clamp = (v: number) => Math.min(range.max, Math.max(range.min, Math.round(v)));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const next = splitterKey(value, e.key, e.shiftKey, increase, range);
    if (next === undefined) return;
    e.preventDefault();
    if (next !== value) onCommit(next);
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = { x: e.clientX, y: e.clientY, start: value, last: value };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d) return;
    const next = clamp(fromDrag(d.start, e.clientX - d.x, e.clientY - d.y));
    if (next === d.last) return;
    d.last = next;
    onPreview(next);
    setShown(next);
  };
  const onPointerUp = () => {
    const d = drag.current;
    drag.current = undefined;
    setShown(undefined);
    if (d && d.last !== d.start) onCommit(d.last);
  };
  const bar = orientation === 'vertical' ? 'cursor-col-resize' : 'cursor-row-resize';
  return (
    <div
      role="separator"
      tabIndex={0}
      aria-label={label}
      aria-orientation={orientation}
      aria-valuenow={now}
      aria-valuemin={range.min}
      aria-valuemax={range.max}
      aria-valuetext={valueText(now)}
      onKeyDown={onKeyDown}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      className={`group touch-none select-none ${bar} rounded focus-visible:outline-2 focus-visible:outline-accent ${className}`}
    >
      <div className={`rounded bg-border transition-colors group-hover:bg-accent group-focus-visible:bg-accent ${orientation === 'vertical' ? 'mx-auto h-full w-0.5' : 'my-auto h-0.5 w-full'}`} />
    </div>
  );
}

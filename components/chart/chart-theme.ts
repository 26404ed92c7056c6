/**
 * Chart colours come from the same CSS variables as the rest of the desk (app/globals.css), read at runtime so
 * the chart follows the dark/light toggle (`data-theme` on <html>). No chart library here: the depth chart and
 * the book's bars use these colours too, and must not pull lightweight-charts into the page's first load.
 */

export interface ChartColors {
  panel: string;
  text: string;
  muted: string;
  border: string;
  up: string;
  down: string;
  accent: string;
}

const FALLBACK: ChartColors = {
  panel: '#121722', text: '#e6eaf2', muted: '#8b97ab', border: '#243044', up: '#22c55e', down: '#ef4444', accent: '#7c5cff',
};

/** The current theme's colours from the document's CSS variables. */
export function readChartColors(): ChartColors {
  if (typeof document === 'undefined') return FALLBACK;
  const style = getComputedStyle(document.documentElement);
  const read = (name: keyof ChartColors) => style.getPropertyValue(`--${name}`).trim() || FALLBACK[name];
  return { panel: read('panel'), text: read('text'), muted: read('muted'), border: read('border'), up: read('up'), down: read('down'), accent: read('accent') };
}

/** Calls `onChange` whenever <html data-theme> changes; returns the undo. */
export function watchTheme(onChange: () => void): () => void {
  if (typeof MutationObserver === 'undefined') return () => undefined;
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme', 'class', 'style'] });
  return () => observer.disconnect();
}

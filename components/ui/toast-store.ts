/**
 * The tab's toast queue: anything (ticket, tables, admin forms) calls `toast(...)`; the one <Toaster/>
 * on the page shows them. A tiny external store so callers need no React context.
 */
export type ToastTone = 'success' | 'error' | 'info';

export interface Toast {
  id: number;
  tone: ToastTone;
  title: string;
  message?: string;
}

type Listener = () => void;

let toasts: readonly Toast[] = [];
let nextId = 1;
const listeners = new Set<Listener>();
const timers = new Map<number, ReturnType<typeof setTimeout>>();

function publish(next: readonly Toast[]): void {
  toasts = next;
  for (const l of [...listeners]) l();
}

/** Shows a toast; errors stay until dismissed (a person must be able to read why), others fade after 6 s. */
export function toast(tone: ToastTone, title: string, message?: string): number {
  const id = nextId++;
  publish([...toasts.slice(-4), { id, tone, title, ...(message ? { message } : {}) }]);
  if (tone !== 'error' && typeof setTimeout === 'function') timers.set(id, setTimeout(() => dismissToast(id), 6000));
  return id;
}

export function dismissToast(id: number): void {
  clearTimeout(timers.get(id));
  timers.delete(id);
  publish(toasts.filter((t) => t.id !== id));
}

export function subscribeToasts(listener: Listener): () => void {
  listeners.add(listener);
  return () => void listeners.delete(listener);
}

export function getToasts(): readonly Toast[] {
  return toasts;
}

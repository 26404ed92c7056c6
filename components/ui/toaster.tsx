'use client';

import { useSyncExternalStore } from 'react';
import { dismissToast, getToasts, subscribeToasts, type Toast } from './toast-store';

const EMPTY: readonly Toast[] = [];
const TONE: Record<Toast['tone'], string> = {
  success: 'border-up/60',
  error: 'border-down/70',
  info: 'border-border',
};

/**
 * The page's toasts in a polite live region (errors assertive), bottom-right, stacked. Render once per
 * page; every toast has a keyboard-reachable dismiss button.
 */
export function Toaster() {
  const toasts = useSyncExternalStore(subscribeToasts, getToasts, () => EMPTY);
  const errors = toasts.filter((t) => t.tone === 'error');
  const others = toasts.filter((t) => t.tone !== 'error');
  return (
    <div className="pointer-events-none fixed inset-x-2 bottom-2 z-50 flex flex-col items-end gap-2 sm:left-auto sm:right-4 sm:w-96">
      <div role="alert" aria-live="assertive" className="flex w-full flex-col gap-2">
        {errors.map((t) => (
          <ToastCard key={t.id} toast={t} />
        ))}
      </div>
      <div role="status" aria-live="polite" className="flex w-full flex-col gap-2">
        {others.map((t) => (
          <ToastCard key={t.id} toast={t} />
        ))}
      </div>
    </div>
  );
}

function ToastCard({ toast }: { toast: Toast }) {
  return (
    <div className={`pointer-events-auto flex w-full items-start gap-2 rounded-md border bg-panel p-3 text-sm shadow-lg ${TONE[toast.tone]}`}>
      <div className="min-w-0 flex-1">
        <p className={`font-medium ${toast.tone === 'error' ? 'text-down' : toast.tone === 'success' ? 'text-up' : 'text-text'}`}>{toast.title}</p>
        {toast.message ? <p className="mt-0.5 break-words text-muted">{toast.message}</p> : null}
      </div>
      <button
        type="button"
        onClick={() => dismissToast(toast.id)}
        aria-label={`Dismiss: ${toast.title}`}
        className="rounded px-1 text-muted hover:text-text focus-visible:outline-2 focus-visible:outline-accent"
      >
        ×
      </button>
    </div>
  );
}

'use client';

import { useEffect, useEffectEvent, useId, useRef, type FormEvent, type ReactNode } from 'react';
import { Button } from './button';

const WIDTHS = { sm: 'w-[min(26rem,calc(100vw-2rem))]', md: 'w-[min(28rem,calc(100vw-2rem))]', lg: 'w-[min(36rem,calc(100vw-2rem))]' } as const;
/** `top`: the dialog stays put while its body grows and shrinks (a search list) instead of re-centring. */
const PLACEMENTS = { center: 'm-auto', top: 'mx-auto mt-[10vh]' } as const;

export interface ModalDialogProps {
  open: boolean;
  title: ReactNode;
  /** Escape, or the caller's own Cancel button */
  onCancel: () => void;
  /** runs each time the dialog opens, after it is shown (e.g. focus a button, clear an old error) */
  onOpen?: () => void;
  /** given: the body is a form (Enter submits it) */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  width?: keyof typeof WIDTHS;
  placement?: keyof typeof PLACEMENTS;
  /** given: a button with this label beside the title cancels (for dialogs that are read, not answered) */
  closeLabel?: string;
  /** the title names the dialog for assistive technology only (the body makes its purpose plain to the eye) */
  titleHidden?: boolean;
  /** a click on the backdrop cancels too */
  cancelOnBackdrop?: boolean;
  children?: ReactNode;
}

/**
 * The desk's one modal shell, on the native <dialog>: the browser traps focus, Escape cancels, and focus
 * returns to what opened it. The body is rendered only while open, so a closed dialog holds no stale state.
 */
export function ModalDialog({ open, title, onCancel, onOpen, onSubmit, width = 'md', placement = 'center', closeLabel, titleHidden, cancelOnBackdrop, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const opened = useEffectEvent(() => onOpen?.());
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      opened();
    } else if (!open && dialog.open) dialog.close();
  }, [open]);
  const titleText = (
    <h2 id={titleId} className={titleHidden ? 'sr-only' : 'text-base font-semibold'}>
      {title}
    </h2>
  );
  const heading = closeLabel ? (
    <div className="flex items-center justify-between">
      {titleText}
      <Button size="sm" onClick={onCancel}>{closeLabel}</Button>
    </div>
  ) : titleText;
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClick={cancelOnBackdrop ? (e) => {
        // a click on the <dialog> itself (not its body) landed on the backdrop
        if (e.target === ref.current) onCancel();
      } : undefined}
      className={`${PLACEMENTS[placement]} ${WIDTHS[width]} rounded-lg border border-border bg-panel p-0 text-text shadow-xl backdrop:bg-black/60`}
    >
      {!open ? null : onSubmit ? (
        <form onSubmit={onSubmit} className="flex flex-col gap-3 p-4" noValidate>
          {heading}
          {children}
        </form>
      ) : (
        <div className="flex flex-col gap-3 p-4">
          {heading}
          {children}
        </div>
      )}
    </dialog>
  );
}

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  /** red confirm button for destructive actions */
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** A modal confirmation. Cancel is focused first so Enter never confirms by accident. */
export function ConfirmDialog({ open, title, children, confirmLabel, cancelLabel = 'Cancel', danger, busy, onConfirm, onCancel }: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <ModalDialog open={open} title={title} onCancel={onCancel} onOpen={() => cancelRef.current?.focus()}>
      <div className="text-sm">{children}</div>
      <div className="flex justify-end gap-2">
        <Button ref={cancelRef} onClick={onCancel}>
          {cancelLabel}
        </Button>
        <Button variant={danger ? 'danger' : 'primary'} onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </Button>
      </div>
    </ModalDialog>
  );
}

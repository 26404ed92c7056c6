import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

const CONTROL =
  'w-full min-w-0 rounded-md border bg-bg px-2 py-1.5 text-sm text-text tabular-nums focus-visible:outline-2 focus-visible:outline-accent';

interface FieldShell {
  label: string;
  /** shown under the control and announced with it; turns the border red */
  error?: string | undefined;
  hint?: ReactNode;
  /** text after the control, e.g. the currency */
  suffix?: ReactNode;
}

/** A labelled text input whose error is tied to it with aria-describedby and aria-invalid. */
export function TextField({ label, error, hint, suffix, className = '', ...input }: FieldShell & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId();
  const described = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      <div className="flex items-center gap-1">
        <input
          id={id}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          className={`${CONTROL} ${error ? 'border-down' : 'border-border'}`}
          {...input}
        />
        {suffix ? <span className="shrink-0 text-xs text-muted">{suffix}</span> : null}
      </div>
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-down">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled native select (keyboard and screen-reader friendly for free). */
export function SelectField({ label, error, children, className = '', ...select }: FieldShell & SelectHTMLAttributes<HTMLSelectElement>) {
  const id = useId();
  return (
    <div className={`flex min-w-0 flex-col gap-1 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${CONTROL} ${error ? 'border-down' : 'border-border'}`}
        {...select}
      >
        {children}
      </select>
      {error ? (
        <p id={`${id}-error`} className="text-xs text-down">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A checkbox with its label on the right. */
export function CheckboxField({ label, className = '', ...input }: { label: string } & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <label className={`inline-flex items-center gap-2 text-sm ${input.disabled ? 'text-muted' : 'text-text'} ${className}`}>
      <input type="checkbox" className="h-4 w-4 accent-accent" {...input} />
      {label}
    </label>
  );
}

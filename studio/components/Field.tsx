import { useId, type ReactNode } from 'react';

export interface FieldControl {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

/**
 * A labelled control with its hint and its errors right below it, tied to it
 * with aria-describedby so a screen reader reads the error with the field.
 */
export function Field({ label, hint, errors = [], className, children }: { label: ReactNode; hint?: ReactNode; errors?: readonly string[]; className?: string; children(control: FieldControl): ReactNode }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length ? `${id}-err` : undefined;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, ...(described ? { 'aria-describedby': described } : {}), ...(errors.length ? { 'aria-invalid': true } : {}) })}
      {hint && (
        <span className="hint" id={hintId}>
          {hint}
        </span>
      )}
      {errorId && (
        <span className="field-error" id={errorId}>
          {errors.join(' ')}
        </span>
      )}
    </div>
  );
}

/** A checkbox with its label after it. */
export function Check({ label, checked, onChange, disabled }: { label: ReactNode; checked: boolean; onChange(value: boolean): void; disabled?: boolean }) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} disabled={disabled} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

import type { HTMLInputTypeAttribute } from 'react';

interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: HTMLInputTypeAttribute;
  autoComplete?: string;
  inputMode?: 'text' | 'tel' | 'email' | 'numeric';
  hint?: string;
  error?: string;
  maxLength?: number;
  className?: string;
}

/** A big labelled input; its hint and error are tied to it with aria-describedby. */
export function TextField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  hint,
  error,
  maxLength,
  className,
}: TextFieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`noi-help-field${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="noi-help-label">
        {label}
      </label>
      {hint && (
        <small id={`${id}-hint`} className="noi-hint">
          {hint}
        </small>
      )}
      <input
        id={id}
        name={id}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        maxLength={maxLength}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {error && (
        <div id={`${id}-error`} className="noi-field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/** A big checkbox with its label beside it. */
export function CheckField({
  id,
  label,
  checked,
  onChange,
  error,
  children,
}: {
  id: string;
  label?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  error?: string;
  children?: React.ReactNode;
}) {
  return (
    <div className="noi-help-check">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <label htmlFor={id}>{children ?? label}</label>
      {error && (
        <div id={`${id}-error`} className="noi-field-error w-100">
          {error}
        </div>
      )}
    </div>
  );
}

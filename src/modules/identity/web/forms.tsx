import { type ChangeEvent, type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Problem } from '../../../web/api.ts';

/** Any thrown value as a problem (network errors and bugs included). */
export function toProblem(error: unknown): Problem {
  if (error instanceof ApiError) return error.problem;
  return { type: 'unknown', title: 'Error', status: 0, detail: String(error) };
}

/** Field errors of a problem, by field name (`body.email` and `email` both give `email`). */
export function fieldErrors(problem: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = e.field.replace(/^body\./, '');
    if (!(key in out)) out[key] = e.message;
  }
  return out;
}

interface FieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'password' | 'search' | 'date';
  autoComplete?: string;
  required?: boolean;
  error?: string;
  hint?: string;
  spellCheck?: boolean;
}

/** A labelled input; its hint and error are tied to it with aria-describedby. */
export function Field({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  required,
  error,
  hint,
  spellCheck,
}: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className="form-group noi-field">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <input
        id={id}
        name={id}
        type={type}
        className={`form-control${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
        autoComplete={autoComplete}
        required={required}
        spellCheck={spellCheck}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
      />
      {hint && (
        <small id={`${id}-hint`} className="form-text noi-hint">
          {hint}
        </small>
      )}
      {error && (
        <div id={`${id}-error`} className="noi-field-error">
          {error}
        </div>
      )}
    </div>
  );
}

interface SelectProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  error?: string;
}

/** A labelled select, in Bootstrap Italia's select-wrapper. */
export function SelectField({ id, label, value, onChange, options, error }: SelectProps) {
  return (
    <div className="select-wrapper noi-field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error && (
        <div id={`${id}-error`} className="noi-field-error">
          {error}
        </div>
      )}
    </div>
  );
}

/**
 * A problem told in its own words (the API's `detail`), with the field errors no field shows
 * (`shownFields` names the fields shown by the form, and the prefixes of nested ones).
 * It takes the focus when it appears, so keyboard and screen-reader users land on it.
 */
export function ProblemAlert({
  problem,
  shownFields = [],
}: {
  problem: Problem | null;
  shownFields?: string[];
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) box.current?.focus();
  }, [problem]);
  if (!problem) return null;
  const shown = (field: string) => {
    const f = field.replace(/^body\./, '');
    return shownFields.some((s) => f === s || f.startsWith(`${s}.`));
  };
  const others = (problem.errors ?? []).filter((e) => !shown(e.field));
  return (
    <div ref={box} className="alert alert-danger noi-alert" role="alert" tabIndex={-1}>
      <p className="mb-0">{problem.detail || problem.title}</p>
      {others.length > 0 && (
        <ul className="mb-0 mt-2">
          {others.map((e) => (
            <li key={`${e.field}-${e.message}`}>{e.field ? `${e.field}: ${e.message}` : e.message}</li>
          ))}
        </ul>
      )}
      {problem.requestId && problem.status >= 500 && (
        <p className="small mb-0 mt-2">{t('error.server.code', { id: problem.requestId })}</p>
      )}
    </div>
  );
}

/**
 * A confirmation. With `focus`, it takes the focus when it appears (when it replaces the form
 * the person was in); otherwise it is announced politely.
 */
export function Notice({
  children,
  kind = 'success',
  focus = false,
}: {
  children: ReactNode;
  kind?: 'success' | 'info' | 'warning';
  focus?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (focus) box.current?.focus();
  }, [focus]);
  return (
    <div
      ref={box}
      className={`alert alert-${kind} noi-alert`}
      role="status"
      tabIndex={focus ? -1 : undefined}
    >
      {children}
    </div>
  );
}

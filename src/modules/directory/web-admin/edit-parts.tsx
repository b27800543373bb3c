import type { ChangeEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Problem } from '../../../web/api.ts';
import type { CurrentUser } from '../../../web/current-user.tsx';

/** Shapes of the directory API this module edits (src/modules/directory/routes/public.ts). */
export interface Ref {
  code: string;
  name: string;
}

export interface EditableService {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  status: string;
  url: string | null;
  email: string | null;
  phone: string | null;
  applicationProcess: string;
  eligibilityDescription: string;
  minimumAge: number | null;
  maximumAge: number | null;
  targetGroups: string[];
  free: boolean;
  feesDescription: string;
  languages: string[];
  categories: Ref[];
  organization: { id: string; name: string };
}

export interface EditableOrganization {
  id: string;
  name: string;
  alternateName: string | null;
  description: string;
  email: string | null;
  website: string | null;
  phone: string | null;
  services: { id: string; name: string; categories: Ref[] }[];
}

export interface Category {
  code: string;
  parentCode: string | null;
  name: string;
  description: string;
}

export const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What the person may edit in the directory, as the API decides it (permission `directory.edit`):
 * the city admins everything, an organisation's admin that organisation and its services.
 */
export function editReach(user: CurrentUser | null): { all: boolean; organisations: string[] } {
  const reach = { all: false, organisations: [] as string[] };
  for (const a of user?.assignments ?? []) {
    if (a.role === 'city_admin' || a.role === 'platform_admin') reach.all = true;
    if (a.role !== 'org_admin') continue;
    if (a.scope.kind === 'organisation' && a.scope.ref) {
      if (!reach.organisations.includes(a.scope.ref)) reach.organisations.push(a.scope.ref);
    } else if (a.scope.kind === 'city' || a.scope.kind === 'platform') reach.all = true;
  }
  return reach;
}

export const mayEdit = (user: CurrentUser | null, organizationId: string): boolean => {
  const reach = editReach(user);
  return reach.all || reach.organisations.includes(organizationId);
};

/** Field errors by the form's field name: `body.languages.2` and `languages` both give `languages`. */
export function errorsByField(problem: Problem | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of problem?.errors ?? []) {
    const key = e.field.replace(/^body\./, '').split('.')[0] ?? '';
    if (!(key in out)) out[key] = e.message;
  }
  return out;
}

/** The ids an input is described by: its hint and its error, when there are. */
const describedBy = (id: string, hint?: string, error?: string) =>
  [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;

function HintAndError({ id, hint, error }: { id: string; hint?: string; error?: string }) {
  return (
    <>
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
    </>
  );
}

interface InputProps {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'email' | 'url' | 'tel' | 'number';
  autoComplete?: string;
  required?: boolean;
  maxLength?: number;
  error?: string;
  hint?: string;
}

/** A labelled input (Bootstrap Italia's form-group), its hint and error tied with aria-describedby. */
export function InputField({
  id,
  label,
  value,
  onChange,
  type = 'text',
  autoComplete,
  required,
  maxLength,
  error,
  hint,
}: InputProps) {
  const number = type === 'number';
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
        autoComplete={autoComplete ?? 'off'}
        required={required}
        maxLength={number ? undefined : maxLength}
        min={number ? 0 : undefined}
        max={number ? 120 : undefined}
        step={number ? 1 : undefined}
        inputMode={number ? 'numeric' : undefined}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/** A labelled text area for longer texts. */
export function TextAreaField({
  id,
  label,
  value,
  onChange,
  maxLength,
  error,
  hint,
  rows = 4,
}: Omit<InputProps, 'type' | 'autoComplete' | 'required'> & { rows?: number }) {
  return (
    <div className="form-group noi-field">
      <label htmlFor={id} className="active">
        {label}
      </label>
      <textarea
        id={id}
        name={id}
        rows={rows}
        className={`form-control noi-edit-textarea${error ? ' is-invalid' : ''}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        maxLength={maxLength}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
      />
      <HintAndError id={id} hint={hint} error={error} />
    </div>
  );
}

/** A checkbox; Bootstrap Italia draws the box on its label, which is what one clicks. */
export function CheckboxField({
  id,
  label,
  checked,
  onChange,
}: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  return (
    <div className="form-check noi-edit-check">
      <input
        id={id}
        name={id}
        type="checkbox"
        checked={checked}
        onChange={(e) => onChange(e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** A group of controls with its legend, hint and error (tied to the group with aria-describedby). */
export function FieldGroup({
  id,
  legend,
  hint,
  error,
  children,
}: {
  id: string;
  legend: string;
  hint?: string;
  error?: string;
  children: ReactNode;
}) {
  return (
    <fieldset id={id} className="noi-edit-fieldset" aria-describedby={describedBy(id, hint, error)}>
      <legend className="noi-edit-legend">{legend}</legend>
      {hint && (
        <p id={`${id}-hint`} className="noi-hint small mt-0">
          {hint}
        </p>
      )}
      {error && (
        <div id={`${id}-error`} className="noi-field-error mb-2">
          {error}
        </div>
      )}
      {children}
    </fieldset>
  );
}

/** "Le mie schede / <name> / Modifica". */
export function EditBreadcrumb({ name, to }: { name: string; to: string }) {
  const { t } = useTranslation();
  return (
    <nav aria-label={t('directoryEdit.breadcrumb')} className="breadcrumb-container">
      <ol className="breadcrumb">
        <li className="breadcrumb-item">
          <Link to="/le-mie-schede">{t('directoryEdit.myEntries.title')}</Link>
          <span className="separator" aria-hidden="true">
            /
          </span>
        </li>
        <li className="breadcrumb-item">
          <Link to={to}>{name}</Link>
          <span className="separator" aria-hidden="true">
            /
          </span>
        </li>
        <li className="breadcrumb-item active" aria-current="page">
          {t('directoryEdit.edit')}
        </li>
      </ol>
    </nav>
  );
}

/** Empty text is "none" for the API's nullable fields. */
export const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

/** Same value, arrays compared as sets when `unordered`. */
export function same(a: unknown, b: unknown, unordered = false): boolean {
  if (Array.isArray(a) && Array.isArray(b) && unordered) {
    return JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());
  }
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Loosely an e-mail address (the API checks it for good). */
export const looksLikeEmail = (value: string) => /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(value);

/** A web address starting with http:// or https:// that the browser can read. */
export function looksLikeUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Problem } from '../../../../web/api.ts';
import { TextAreaField } from '../../../directory/web-admin/edit-parts.tsx';
import { fieldErrors, ProblemAlert, SelectField } from '../../../identity/web/forms.tsx';
import { ErrorSummary } from './parts.tsx';

/** What running an action gives back: nothing when it worked, or the problem. */
export type Outcome = Problem | null;

interface Check {
  field: string;
  id: string;
  message: string;
}

/** A confirmation asked before an action that cannot be undone: it takes the focus. */
function Confirmation({
  text,
  confirmLabel,
  busy,
  onConfirm,
  onBack,
}: {
  text: string;
  confirmLabel: string;
  busy: boolean;
  onConfirm: () => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    box.current?.focus();
  }, []);
  return (
    <div ref={box} className="alert alert-warning noi-alert" role="alert" tabIndex={-1}>
      <p className="fw-semibold">{text}</p>
      <div className="d-flex flex-wrap gap-2">
        <button type="button" className="btn btn-danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
        <button type="button" className="btn btn-outline-primary" onClick={onBack} disabled={busy}>
          {t('helpConsole.actions.back')}
        </button>
      </div>
    </div>
  );
}

/**
 * An action that needs a few words (and perhaps a choice): checked before sending, confirmed when it
 * cannot be undone, with the API's field errors next to the fields.
 */
export function ActionForm({
  id,
  title,
  intro,
  textField,
  textLabel,
  textHint,
  minLength,
  choice,
  submitLabel,
  confirmText,
  onSubmit,
  onCancel,
}: {
  id: string;
  title: string;
  intro?: string;
  /** The body field the text goes in: reason, outcome, text. */
  textField: string;
  textLabel: string;
  textHint?: string;
  minLength: number;
  choice?: {
    field: string;
    label: string;
    placeholder: string;
    options: { value: string; label: string }[];
  };
  submitLabel: string;
  /** Asks to confirm first, with these words. */
  confirmText?: string;
  onSubmit: (body: Record<string, string>) => Promise<Outcome>;
  onCancel?: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [picked, setPicked] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const focusFirst = useRef(Boolean(onCancel));
  useEffect(() => {
    // Opened from a button: the person lands on the form's heading.
    if (focusFirst.current) heading.current?.focus();
  }, []);

  const textId = `${id}-${textField}`;
  const choiceId = choice ? `${id}-${choice.field}` : '';
  const validate = (): Check[] => {
    const out: Check[] = [];
    if (choice && !picked)
      out.push({
        field: choice.field,
        id: choiceId,
        message: t('helpConsole.check.choose', { what: choice.label }),
      });
    if (text.trim().length < minLength)
      out.push({
        field: textField,
        id: textId,
        message:
          text.trim().length === 0
            ? t('helpConsole.check.required', { what: textLabel })
            : t('helpConsole.check.minLength', { what: textLabel, count: minLength }),
      });
    return out;
  };
  const send = async () => {
    setBusy(true);
    setProblem(null);
    const body: Record<string, string> = { [textField]: text.trim() };
    if (choice) body[choice.field] = picked;
    const result = await onSubmit(body);
    setBusy(false);
    setConfirming(false);
    if (result) setProblem(result);
    else {
      setText('');
      setPicked('');
    }
  };
  const onFormSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const found = validate();
    setChecks(found);
    setProblem(null);
    if (found.length) return;
    if (confirmText) setConfirming(true);
    else void send();
  };
  const server = fieldErrors(problem);
  const errorOf = (field: string) => checks.find((c) => c.field === field)?.message ?? server[field];
  const shown = [textField, ...(choice ? [choice.field] : [])];
  return (
    <section className="noi-action-form" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="h5" ref={heading} tabIndex={-1}>
        {title}
      </h3>
      {intro && <p>{intro}</p>}
      <ErrorSummary errors={checks} />
      <ProblemAlert problem={problem} shownFields={shown} />
      <form onSubmit={onFormSubmit} noValidate aria-busy={busy}>
        {choice && (
          <SelectField
            id={choiceId}
            label={choice.label}
            value={picked}
            onChange={setPicked}
            options={[{ value: '', label: choice.placeholder }, ...choice.options]}
            error={errorOf(choice.field)}
          />
        )}
        <TextAreaField
          id={textId}
          label={textLabel}
          hint={textHint}
          value={text}
          onChange={setText}
          maxLength={textField === 'text' ? 4000 : 1000}
          error={errorOf(textField)}
          rows={3}
        />
        {confirming && confirmText ? (
          <Confirmation
            text={confirmText}
            confirmLabel={submitLabel}
            busy={busy}
            onConfirm={() => void send()}
            onBack={() => setConfirming(false)}
          />
        ) : (
          <div className="d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary" disabled={busy}>
              {submitLabel}
            </button>
            {onCancel && (
              <button type="button" className="btn btn-outline-primary" onClick={onCancel}>
                {t('helpConsole.actions.cancel')}
              </button>
            )}
          </div>
        )}
      </form>
    </section>
  );
}

/** A button that opens (and closes) the form below it. */
export function Disclosure({
  id,
  label,
  open,
  onToggle,
  children,
}: {
  id: string;
  label: string;
  open: boolean;
  onToggle: () => void;
  children: ReactNode;
}) {
  return (
    <div className="noi-disclosure">
      <button
        type="button"
        className="btn btn-outline-primary"
        aria-expanded={open}
        aria-controls={`${id}-region`}
        onClick={onToggle}
      >
        {label}
      </button>
      <div id={`${id}-region`}>{open && children}</div>
    </div>
  );
}

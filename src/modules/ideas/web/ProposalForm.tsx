import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../../web/api.ts';
import {
  acceptTypes,
  type Check,
  docLabel,
  ErrorSummary,
  fileToBase64,
  formatBytes,
  maxFileBytes,
  maxTotalBytes,
  useNeighbourhoods,
} from './parts.tsx';
import type { CallDocument, Proposal, ProposerKind } from './types.ts';

const textFields = ['title', 'what', 'whereText', 'forWhom', 'partners', 'ask'] as const;
type TextField = (typeof textFields)[number];
const minLength: Record<TextField, number> = {
  title: 5,
  what: 20,
  whereText: 3,
  forWhom: 5,
  partners: 0,
  ask: 5,
};
const multiline: TextField[] = ['what', 'forWhom', 'partners', 'ask'];

/**
 * The proposal form: who proposes, what, where, for whom, partners, what is asked, and the
 * documents the call requires. Used to submit (new) and to change a proposal (edit).
 */
export function ProposalForm({
  call,
  proposal,
  onSaved,
}: {
  call: { id: string; eligible: ProposerKind[]; documents: CallDocument[] };
  proposal?: Proposal;
  onSaved: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const zones = useNeighbourhoods();
  const [kind, setKind] = useState<ProposerKind>(proposal?.kind ?? call.eligible[0] ?? 'citizen');
  const [proposerName, setProposerName] = useState(proposal?.proposerName ?? '');
  const [neighbourhood, setNeighbourhood] = useState(proposal?.neighbourhoodCode ?? '');
  const [values, setValues] = useState<Record<TextField, string>>(
    () => Object.fromEntries(textFields.map((f) => [f, proposal?.[f] ?? ''])) as Record<TextField, string>,
  );
  const [files, setFiles] = useState<Record<string, File | undefined>>({});
  const [errors, setErrors] = useState<Check[]>([]);
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [progress, setProgress] = useState<{ step: string; value?: number; max?: number } | null>(null);
  // One key per form: a retry after a lost answer does not send the proposal twice.
  const [idempotencyKey] = useState(
    () => `proposal-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`,
  );
  const existing = (code: string) => proposal?.files.find((f) => f.documentCode === code);
  const errorOf = (id: string) => errors.find((e) => e.id === id)?.message;

  function check(): Check[] {
    const out: Check[] = [];
    if (kind !== 'citizen' && proposerName.trim().length < 2)
      out.push({ id: 'prop-proposerName', message: t('ideas.form.errors.proposerName') });
    for (const f of textFields) {
      const v = values[f].trim();
      if (minLength[f] > 0 && v.length < minLength[f])
        out.push({
          id: `prop-${f}`,
          message: t('ideas.form.errors.short', { field: t(`ideas.form.${f}`), n: minLength[f] }),
        });
    }
    let total = 0;
    for (const d of call.documents) {
      const file = files[d.code];
      if (d.required && !file && !existing(d.code))
        out.push({
          id: `prop-doc-${d.code}`,
          message: t('ideas.form.errors.docMissing', { label: docLabel(d, lang) }),
        });
      if (file) {
        total += file.size;
        if (file.size > maxFileBytes)
          out.push({ id: `prop-doc-${d.code}`, message: t('ideas.form.errors.tooBig', { name: file.name }) });
        if (!/\.(pdf|png|jpe?g|odt|docx)$/i.test(file.name))
          out.push({ id: `prop-doc-${d.code}`, message: t('ideas.form.errors.type', { name: file.name }) });
      }
    }
    if (total > maxTotalBytes)
      out.push({ id: `prop-doc-${call.documents[0]?.code}`, message: t('ideas.form.errors.total') });
    return out;
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found = check();
    setErrors(found);
    if (found.length) return;
    const chosen = call.documents.filter((d) => files[d.code]);
    try {
      const payloadFiles = [];
      for (const [i, d] of chosen.entries()) {
        setProgress({
          step: t('ideas.form.reading', { n: i + 1, of: chosen.length }),
          value: i,
          max: chosen.length,
        });
        const file = files[d.code]!;
        payloadFiles.push({
          documentCode: d.code,
          fileName: file.name,
          contentBase64: await fileToBase64(file),
        });
      }
      setProgress({ step: t('ideas.form.sending') });
      const body = {
        kind,
        proposerName: kind === 'citizen' ? null : proposerName.trim(),
        ...values,
        neighbourhoodCode: neighbourhood || null,
        files: payloadFiles,
      };
      if (proposal) {
        await api.put<Proposal>(`/api/v1/proposals/${proposal.id}`, body);
        onSaved(proposal.id);
      } else {
        const created = await api.post<{ id: string }>(
          '/api/v1/proposals',
          { callId: call.id, ...body },
          { 'idempotency-key': idempotencyKey },
        );
        onSaved(created.id);
      }
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : undefined;
      const mapped: Check[] = (problem?.errors ?? []).map((e) => {
        const m = /^files\.(\d+)/.exec(e.field);
        const d = /^documents\.(.+)$/.exec(e.field);
        const id = m
          ? `prop-doc-${chosen[Number(m[1])]?.code}`
          : d
            ? `prop-doc-${d[1]}`
            : e.field === 'kind' || e.field === 'organizationId'
              ? `prop-kind-${kind}`
              : `prop-${e.field}`;
        return { id, message: e.message };
      });
      setErrors(mapped);
      setDetail(mapped.length ? undefined : (problem?.detail ?? String(error)));
      setAttempt((n) => n + 1);
    } finally {
      setProgress(null);
    }
  }

  return (
    <form className="noi-idea-form" noValidate onSubmit={submit} aria-describedby="prop-required-note">
      <ErrorSummary errors={errors} attempt={attempt} detail={detail} id="prop-errors" />
      <p id="prop-required-note" className="small">
        {t('ideas.form.requiredNote')}
      </p>
      <fieldset className="mb-4">
        <legend className="h5">{t('ideas.form.who')}</legend>
        {call.eligible.map((k) => (
          <div className="form-check" key={k}>
            <input
              className="form-check-input"
              type="radio"
              name="prop-kind"
              id={`prop-kind-${k}`}
              checked={kind === k}
              onChange={() => setKind(k)}
            />
            <label className="form-check-label" htmlFor={`prop-kind-${k}`}>
              {t(`ideas.kind.${k}`)}
            </label>
          </div>
        ))}
        {errorOf(`prop-kind-${kind}`) && (
          <div className="noi-field-error">{errorOf(`prop-kind-${kind}`)}</div>
        )}
      </fieldset>
      {kind !== 'citizen' && (
        <div className="mb-4">
          <label htmlFor="prop-proposerName" className="form-label">
            {t(kind === 'group' ? 'ideas.form.groupName' : 'ideas.form.orgName')} *
          </label>
          <input
            id="prop-proposerName"
            className={`form-control${errorOf('prop-proposerName') ? ' is-invalid' : ''}`}
            value={proposerName}
            maxLength={200}
            onChange={(e) => setProposerName(e.target.value)}
            aria-invalid={Boolean(errorOf('prop-proposerName'))}
            aria-describedby={errorOf('prop-proposerName') ? 'prop-proposerName-error' : undefined}
          />
          {errorOf('prop-proposerName') && (
            <div id="prop-proposerName-error" className="noi-field-error">
              {errorOf('prop-proposerName')}
            </div>
          )}
        </div>
      )}
      {textFields.map((f) => {
        const id = `prop-${f}`;
        const err = errorOf(id);
        const common = {
          id,
          className: `form-control${err ? ' is-invalid' : ''}`,
          value: values[f],
          onChange: (e: { target: { value: string } }) => setValues((v) => ({ ...v, [f]: e.target.value })),
          'aria-invalid': Boolean(err),
          'aria-describedby': [`${id}-hint`, err ? `${id}-error` : ''].filter(Boolean).join(' '),
        };
        return (
          <div className="mb-4" key={f}>
            <label htmlFor={id} className="form-label">
              {t(`ideas.form.${f}`)}
              {minLength[f] > 0 ? ' *' : ''}
            </label>
            {multiline.includes(f) ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
            <small id={`${id}-hint`} className="form-text">
              {t(`ideas.form.hint.${f}`)}
            </small>
            {err && (
              <div id={`${id}-error`} className="noi-field-error">
                {err}
              </div>
            )}
            {f === 'whereText' && (
              <div className="mt-3">
                <label htmlFor="prop-neighbourhoodCode" className="form-label">
                  {t('ideas.form.neighbourhood')}
                </label>
                <select
                  id="prop-neighbourhoodCode"
                  className="form-select"
                  value={neighbourhood}
                  onChange={(e) => setNeighbourhood(e.target.value)}
                >
                  <option value="">{t('ideas.form.noNeighbourhood')}</option>
                  {zones.map((z) => (
                    <optgroup key={z.code} label={z.name}>
                      {z.neighbourhoods.map((n) => (
                        <option key={n.code} value={n.code}>
                          {n.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
            )}
          </div>
        );
      })}
      {call.documents.length > 0 && (
        <fieldset className="mb-4">
          <legend className="h5">{t('ideas.form.documents')}</legend>
          <p className="small" id="prop-docs-hint">
            {t('ideas.form.docsHint')}
          </p>
          {call.documents.map((d) => {
            const id = `prop-doc-${d.code}`;
            const err = errors
              .filter((e) => e.id === id)
              .map((e) => e.message)
              .join(' ');
            const current = existing(d.code);
            return (
              <div className="mb-3" key={d.code}>
                <label htmlFor={id} className="form-label">
                  {docLabel(d, lang)}
                  {d.required ? ' *' : ` (${t('ideas.form.optional')})`}
                </label>
                <input
                  id={id}
                  type="file"
                  className="form-control"
                  accept={acceptTypes}
                  aria-invalid={Boolean(err)}
                  aria-describedby={[
                    'prop-docs-hint',
                    current ? `${id}-current` : '',
                    err ? `${id}-error` : '',
                  ]
                    .filter(Boolean)
                    .join(' ')}
                  onChange={(e) => {
                    const file = e.target.files?.[0];
                    setFiles((fs) => ({ ...fs, [d.code]: file }));
                  }}
                />
                {current && (
                  <small id={`${id}-current`} className="form-text">
                    {t('ideas.form.current', {
                      name: current.fileName,
                      size: formatBytes(current.bytes, lang),
                    })}
                  </small>
                )}
                {err && (
                  <div id={`${id}-error`} className="noi-field-error">
                    {err}
                  </div>
                )}
              </div>
            );
          })}
        </fieldset>
      )}
      <div aria-live="polite" className="mb-3">
        {progress && (
          <div className="noi-idea-progress">
            <label htmlFor="prop-progress">{progress.step}</label>
            <progress id="prop-progress" value={progress.value} max={progress.max} />
          </div>
        )}
      </div>
      <button type="submit" className="btn btn-primary" disabled={progress !== null}>
        {proposal ? t('ideas.form.resubmit') : t('ideas.form.submit')}
      </button>
    </form>
  );
}

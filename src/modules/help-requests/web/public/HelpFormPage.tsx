import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, useApi } from '../../../../web/api.ts';
import { useCurrentUser } from '../../../../web/current-user.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import { telHref } from '../../../directory/web/format.ts';
import { ErrorSummary } from './ErrorSummary.tsx';
import {
  emptyForm,
  type FieldErrors,
  fieldId,
  fieldOrder,
  formField,
  type HelpForm,
  newIdempotencyKey,
  toBody,
  validate,
} from './form-state.ts';
import { HelpSent } from './HelpSent.tsx';
import { CircumstancesSection, ConsentField, ContactSection, OnBehalfSection } from './PersonSections.tsx';
import { type Created, type Emergency, helpCategories } from './types.ts';
import { WhatSection } from './WhatSection.tsx';
import { WhereSection } from './WhereSection.tsx';

/** `/chiedi-aiuto`: ask for help in plain words; the request goes to the neighbourhood's Punto Comunità. */
export function HelpFormPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const { user } = useCurrentUser();
  const emergency = useApi<Emergency>('/api/v1/emergency');
  const staff = Boolean(user?.roles.some((r) => r === 'operator' || r === 'social_worker'));
  const citizen = Boolean(user?.roles.includes('citizen'));
  const [form, setForm] = useState<HelpForm>(() => ({
    ...emptyForm,
    neighbourhoodCode: params.get('quartiere') ?? '',
  }));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [detail, setDetail] = useState<string | undefined>();
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const key = useRef(newIdempotencyKey());
  usePageTitle(created ? t('helpRequests.sent.title') : t('helpRequests.form.title'));

  const set = useCallback((patch: Partial<HelpForm>) => setForm((f) => ({ ...f, ...patch })), []);

  // A signed-in citizen does not type their name and e-mail again.
  const prefilled = useRef(false);
  useEffect(() => {
    if (!user || !citizen || staff || prefilled.current) return;
    prefilled.current = true;
    setForm((f) => ({ ...f, name: f.name || user.displayName, email: f.email || user.email }));
  }, [user, citizen, staff]);

  const active = emergency.state === 'ready' && emergency.data.active ? emergency.data : null;
  const categories = useMemo(() => {
    const first = active?.categories ?? [];
    return [...first, ...helpCategories.filter((c) => !first.includes(c))];
  }, [active]);

  const onSubmit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (busy) return;
    const found = validate(form, t);
    setAttempt((n) => n + 1);
    setDetail(undefined);
    setErrors(found);
    if (Object.keys(found).length) return;
    setBusy(true);
    try {
      const result = await api.post<Created>('/api/v1/help-requests', toBody(form, staff), {
        'idempotency-key': key.current,
      });
      setCreated(result);
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : null;
      const byField: FieldErrors = {};
      const unplaced: string[] = [];
      for (const fe of problem?.errors ?? []) {
        const f = formField(fe.field);
        if (f && !byField[f]) byField[f] = fe.message;
        else if (!f) unplaced.push(fe.message);
      }
      setErrors(byField);
      setDetail(
        Object.keys(byField).length && !unplaced.length
          ? undefined
          : [problem?.detail ?? t('error.server.text'), ...unplaced].join(' '),
      );
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    key.current = newIdempotencyKey();
    prefilled.current = false;
    setForm({ ...emptyForm, neighbourhoodCode: params.get('quartiere') ?? '' });
    setErrors({});
    setCreated(null);
  };

  if (created) return <HelpSent created={created} onAgain={again} />;

  const summary = fieldOrder
    .filter((f) => errors[f])
    .map((f) => ({ id: fieldId(f, categories[0] ?? 'other'), message: errors[f] as string }));

  return (
    <div className="container my-4 noi-help">
      <h1>{t('helpRequests.form.title')}</h1>
      <p className="lead">{t('helpRequests.form.intro')}</p>
      {active && (
        <div className="alert alert-danger" role="note">
          <p className="mb-1 fw-semibold">{t('helpRequests.emergency.formNote')}</p>
          {active.phone && (
            <p className="mb-0">
              {t('helpRequests.emergency.call')} <a href={telHref(active.phone)}>{active.phone}</a>
            </p>
          )}
        </div>
      )}
      <p className="noi-hint">{t('helpRequests.form.urgent112')}</p>
      <ErrorSummary errors={summary} attempt={attempt} detail={detail} />
      <form
        noValidate
        onSubmit={(e) => void onSubmit(e)}
        className="noi-help-form"
        aria-describedby="help-required"
      >
        <p id="help-required" className="noi-hint">
          {t('helpRequests.form.required')}
        </p>
        {staff && <OnBehalfSection form={form} set={set} />}
        <WhatSection form={form} set={set} errors={errors} categories={categories} />
        <WhereSection form={form} set={set} errors={errors} />
        <CircumstancesSection form={form} set={set} errors={errors} />
        <ContactSection form={form} set={set} errors={errors} />
        <ConsentField form={form} set={set} errors={errors} />
        <button type="submit" className="btn btn-primary btn-lg" disabled={busy} aria-disabled={busy}>
          {busy ? t('helpRequests.form.sending') : t('helpRequests.form.submit')}
        </button>
      </form>
      <p className="mt-4">
        {t('helpRequests.form.haveCode')} <Link to="/segui">{t('helpRequests.form.trackLink')}</Link>
      </p>
    </div>
  );
}

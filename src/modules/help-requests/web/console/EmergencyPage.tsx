import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { api, type Problem, useApi } from '../../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../../web/current-user.tsx';
import { formatDate } from '../../../../web/i18n/index.ts';
import { Loading } from '../../../../web/Loading.tsx';
import { usePageTitle } from '../../../../web/page-title.ts';
import {
  CheckboxField,
  FieldGroup,
  InputField,
  TextAreaField,
} from '../../../directory/web-admin/edit-parts.tsx';
import { Forbidden, LoadFailure } from '../../../identity/web/access.tsx';
import { Field, fieldErrors, Notice, ProblemAlert, toProblem } from '../../../identity/web/forms.tsx';
import { categoryLabel, ErrorSummary, statusLabel } from './parts.tsx';
import { categories, type EmergencyMode, type Figures, statuses, type Territory } from './types.ts';

const adminRoles = ['city_admin', 'platform_admin'];

/** The city's switch for emergency mode, and the figures of the help requests (no personal data). */
export function EmergencyPage() {
  const { t } = useTranslation();
  usePageTitle(t('helpConsole.emergency.title'));
  const { status, user } = useCurrentUser();
  const location = useLocation();
  if (status === 'loading') return <Loading />;
  if (!user) return <Navigate to={signInPath(location.pathname)} replace />;
  if (!user.roles.some((r) => adminRoles.includes(r))) return <Forbidden />;
  return (
    <div className="container my-5">
      <h1>{t('helpConsole.emergency.title')}</h1>
      <p className="lead">{t('helpConsole.emergency.intro')}</p>
      <EmergencySection />
      <FiguresSection />
    </div>
  );
}

function EmergencySection() {
  const { t } = useTranslation();
  const current = useApi<EmergencyMode>('/api/v1/emergency');
  const [saved, setSaved] = useState<EmergencyMode | null>(null);
  const [active, setActive] = useState(false);
  const [phone, setPhone] = useState('');
  const [message, setMessage] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [checks, setChecks] = useState<{ field: string; id: string; message: string }[]>([]);
  const [done, setDone] = useState<{ active: boolean; n: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const loaded = current.state === 'ready' ? current.data : null;
  useEffect(() => {
    if (!loaded) return;
    setSaved(loaded);
    setActive(loaded.active);
    setPhone(loaded.phone ?? '');
    setMessage(loaded.message ?? '');
    setChosen(loaded.categories);
  }, [loaded]);

  if (current.state === 'error') return <LoadFailure error={current.error} onRetry={current.reload} />;
  if (!saved) return <Loading />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setProblem(null);
    setDone(null);
    const found =
      active && !phone.trim()
        ? [{ field: 'phone', id: 'emergency-phone', message: t('helpConsole.emergency.phoneNeeded') }]
        : [];
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      const next = await api.put<EmergencyMode>('/api/v1/emergency', {
        active,
        phone: phone.trim() || null,
        message: message.trim() || null,
        categories: categories.filter((c) => chosen.includes(c)),
      });
      setSaved(next);
      setDone((d) => ({ active: next.active, n: (d?.n ?? 0) + 1 }));
    } catch (error) {
      setProblem(toProblem(error));
    } finally {
      setBusy(false);
    }
  };
  const errors = fieldErrors(problem);
  const errorOf = (field: string) => checks.find((c) => c.field === field)?.message ?? errors[field];
  return (
    <section aria-labelledby="emergency-title" className="mb-5">
      <h2 id="emergency-title">{t('helpConsole.emergency.switchTitle')}</h2>
      <p>
        {t('helpConsole.emergency.now')}{' '}
        <span className={saved.active ? 'noi-urgency noi-urgency-critical' : 'noi-status noi-status-closed'}>
          {saved.active ? t('helpConsole.emergency.on') : t('helpConsole.emergency.off')}
        </span>
      </p>
      {done && (
        <Notice key={done.n} focus>
          {done.active ? t('helpConsole.emergency.savedOn') : t('helpConsole.emergency.savedOff')}
        </Notice>
      )}
      <ErrorSummary errors={checks} />
      <ProblemAlert problem={problem} shownFields={['phone', 'message', 'categories', 'active']} />
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy} className="noi-narrow">
        <CheckboxField
          id="emergency-active"
          label={t('helpConsole.emergency.active')}
          checked={active}
          onChange={setActive}
        />
        <p className="noi-hint small">{t('helpConsole.emergency.activeHint')}</p>
        <InputField
          id="emergency-phone"
          type="tel"
          label={t('helpConsole.emergency.phone')}
          hint={t('helpConsole.emergency.phoneHint')}
          value={phone}
          onChange={setPhone}
          maxLength={40}
          autoComplete="off"
          error={errorOf('phone')}
        />
        <TextAreaField
          id="emergency-message"
          label={t('helpConsole.emergency.message')}
          hint={t('helpConsole.emergency.messageHint')}
          value={message}
          onChange={setMessage}
          maxLength={500}
          rows={3}
          error={errorOf('message')}
        />
        <FieldGroup
          id="emergency-categories"
          legend={t('helpConsole.emergency.categories')}
          hint={t('helpConsole.emergency.categoriesHint')}
          error={errorOf('categories')}
        >
          {categories.map((c) => (
            <CheckboxField
              key={c}
              id={`emergency-category-${c}`}
              label={categoryLabel(t, c)}
              checked={chosen.includes(c)}
              onChange={(on) => setChosen((list) => (on ? [...list, c] : list.filter((x) => x !== c)))}
            />
          ))}
        </FieldGroup>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('helpConsole.emergency.save')}
        </button>
      </form>
    </section>
  );
}

function FiguresSection() {
  const { t, i18n } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [applied, setApplied] = useState({ from: '', to: '' });
  const query = new URLSearchParams();
  if (applied.from) query.set('from', applied.from);
  if (applied.to) query.set('to', applied.to);
  const figures = useApi<Figures>(`/api/v1/help-requests/figures${query.size ? `?${query}` : ''}`);
  const territory = useApi<Territory>('/api/v1/territory');
  const zones = territory.state === 'ready' ? territory.data.zones : [];
  const zoneName = new Map(zones.map((z) => [z.code, z.name]));
  const hoodName = new Map(zones.flatMap((z) => z.neighbourhoods.map((n) => [n.code, n.name] as const)));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setApplied({ from, to });
  };
  const count = (n: number | null | undefined) =>
    n === null || n === undefined
      ? t('helpConsole.figures.fewerThan', { count: 5 })
      : n.toLocaleString(i18n.language);
  const rows = (values: Record<string, number | null>, name: (code: string) => string) =>
    Object.entries(values)
      .map(([code, n]) => ({ code, name: name(code), n }))
      .sort((a, b) => a.name.localeCompare(b.name, i18n.language));
  return (
    <section aria-labelledby="figures-title">
      <h2 id="figures-title">{t('helpConsole.figures.title')}</h2>
      <p>{t('helpConsole.figures.intro', { count: 5 })}</p>
      <form onSubmit={onSubmit} className="mb-3">
        <div className="row g-3 align-items-end">
          <div className="col-6 col-md-4">
            <Field
              id="figures-from"
              type="date"
              label={t('helpConsole.figures.from')}
              value={from}
              onChange={setFrom}
            />
          </div>
          <div className="col-6 col-md-4">
            <Field
              id="figures-to"
              type="date"
              label={t('helpConsole.figures.to')}
              value={to}
              onChange={setTo}
            />
          </div>
          <div className="col-12 col-md-4">
            <button type="submit" className="btn btn-primary mb-4">
              {t('helpConsole.figures.show')}
            </button>
          </div>
        </div>
      </form>
      {figures.state === 'loading' && <Loading />}
      {figures.state === 'error' && <ProblemAlert problem={figures.error.problem} />}
      {figures.state === 'ready' && (
        <div aria-live="polite">
          <p className="fw-semibold">
            {t('helpConsole.figures.period', {
              from: formatDate(figures.data.from),
              to: formatDate(new Date(new Date(figures.data.to).getTime() - 1)),
            })}{' '}
            {t('helpConsole.figures.total', { total: count(figures.data.total) })}
          </p>
          <div className="row">
            <div className="col-12 col-lg-6">
              <FigureTable
                id="figures-zone"
                title={t('helpConsole.figures.byZone')}
                head={t('helpConsole.figures.zone')}
                rows={rows(figures.data.byZone, (c) => zoneName.get(c) ?? c)}
                count={count}
              />
              <FigureTable
                id="figures-category"
                title={t('helpConsole.figures.byCategory')}
                head={t('helpConsole.figures.category')}
                rows={rows(figures.data.byCategory, (c) => categoryLabel(t, c))}
                count={count}
              />
              <FigureTable
                id="figures-status"
                title={t('helpConsole.figures.byStatus')}
                head={t('helpConsole.figures.status')}
                rows={rows(figures.data.byStatus, (c) => statusLabel(t, c)).sort(
                  (a, b) =>
                    (statuses as readonly string[]).indexOf(a.code) -
                    (statuses as readonly string[]).indexOf(b.code),
                )}
                count={count}
              />
            </div>
            <div className="col-12 col-lg-6">
              <FigureTable
                id="figures-neighbourhood"
                title={t('helpConsole.figures.byNeighbourhood')}
                head={t('helpConsole.figures.neighbourhood')}
                rows={rows(figures.data.byNeighbourhood, (c) => hoodName.get(c) ?? c)}
                count={count}
              />
            </div>
          </div>
        </div>
      )}
    </section>
  );
}

function FigureTable({
  id,
  title,
  head,
  rows,
  count,
}: {
  id: string;
  title: string;
  head: string;
  rows: { code: string; name: string; n: number | null }[];
  count: (n: number | null) => string;
}) {
  const { t } = useTranslation();
  return (
    <div className="mb-4">
      <h3 id={id} className="h5">
        {title}
      </h3>
      {rows.length === 0 ? (
        <p>{t('helpConsole.figures.none')}</p>
      ) : (
        <table className="table table-sm" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{head}</th>
              <th scope="col" className="text-end">
                {t('helpConsole.figures.requests')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row" className="fw-normal">
                  {r.name}
                </th>
                <td className="text-end">{count(r.n)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

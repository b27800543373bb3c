import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError, api } from '../../../web/api.ts';
import { signInPath, useCurrentUser } from '../../../web/current-user.tsx';
import { FilterSelect } from '../../../web/FilterSelect.tsx';
import { Loading } from '../../../web/Loading.tsx';
import { usePageTitle } from '../../../web/page-title.ts';
import { Forbidden, LoadFailure } from '../../identity/web/access.tsx';
import { toProblem } from '../../identity/web/forms.tsx';
import { Figures } from './Figures.tsx';
import { useKeptApi, useTerritoryNames } from './hooks.ts';
import { ProfileFacts } from './ProfilePage.tsx';
import {
  Card,
  type Check,
  clearanceOf,
  describedBy,
  ErrorSummary,
  HintAndError,
  neighbourhoodCodesOf,
  StatusMessage,
  skillLabel,
  statusLabel,
  VolunteerStatusBadge,
} from './parts.tsx';
import { skills, type VolunteerList, type VolunteerProfile, volunteerStatuses } from './types.ts';

/** Who manages volunteers (permission `volunteers.manage`). */
export const manageRoles = ['operator', 'city_admin', 'platform_admin'];

/** Where staff may move a volunteer from each status (as the API allows). */
const nextStatuses: Record<string, string[]> = {
  applied: ['active', 'left'],
  active: ['paused', 'left'],
  paused: ['active', 'left'],
  left: ['active'],
};

const pageSize = 50;

function useDeskGate(): 'loading' | 'signedOut' | 'forbidden' | 'ok' {
  const { status, user } = useCurrentUser();
  if (status === 'loading') return 'loading';
  if (!user) return 'signedOut';
  return user.roles.some((r) => manageRoles.includes(r)) ? 'ok' : 'forbidden';
}

/** `/sportello/volontari`: the volunteers a hub (or the city) manages, with filters, and the figures. */
export function VolunteersDeskPage() {
  const { t } = useTranslation();
  usePageTitle(t('volunteers.desk.title'));
  const gate = useDeskGate();
  const location = useLocation();
  if (gate === 'loading') return <Loading />;
  if (gate === 'signedOut') return <Navigate to={signInPath(location.pathname + location.search)} replace />;
  if (gate === 'forbidden') return <Forbidden />;
  return <Desk />;
}

interface Filters {
  status: string;
  skill: string;
  neighbourhood: string;
  q: string;
}

const readFilters = (p: URLSearchParams): Filters => ({
  status: p.get('status') ?? '',
  skill: p.get('skill') ?? '',
  neighbourhood: p.get('neighbourhood') ?? '',
  q: p.get('q') ?? '',
});

function Desk() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const applied = readFilters(params);
  const names = useTerritoryNames();
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(applied)) if (v.trim()) query.set(k, v.trim());
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  query.set('page', String(page));
  query.set('pageSize', String(pageSize));
  const list = useKeptApi<VolunteerList>(`/api/v1/volunteers?${query}`);
  const [form, setForm] = useState<Filters>(applied);
  const key = params.toString();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the form follows the address (back and forward)
  useEffect(() => setForm(readFilters(params)), [key]);

  if (list.state === 'error' && list.error.status !== 400)
    return <LoadFailure error={list.error} onRetry={list.reload} />;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) if (v.trim()) next.set(k, v.trim());
    setParams(next);
  };
  const onClear = () => {
    setForm(readFilters(new URLSearchParams()));
    setParams(new URLSearchParams());
  };
  const pageLink = (p: number) => {
    const next = new URLSearchParams(params);
    if (p <= 1) next.delete('page');
    else next.set('page', String(p));
    return `?${next}`;
  };

  return (
    <div className="container my-5 noi-vol">
      <h1>{t('volunteers.desk.title')}</h1>
      <p className="lead">{t('volunteers.desk.intro')}</p>
      <p>
        <Link to="/sportello/assegna-tutti">{t('volunteers.desk.toAssignAll')}</Link>
      </p>
      <section aria-labelledby="vol-filters-title" className="mb-4">
        <h2 id="vol-filters-title" className="h4">
          {t('volunteers.desk.filters')}
        </h2>
        <form onSubmit={onSubmit} className="mt-3">
          <div className="row g-3">
            <div className="col-12 col-md-6 col-lg-3">
              <div className="form-group noi-field">
                <label htmlFor="vol-q" className="active">
                  {t('volunteers.desk.q')}
                </label>
                <input
                  id="vol-q"
                  type="search"
                  className="form-control"
                  value={form.q}
                  spellCheck={false}
                  onChange={(e) => setForm((f) => ({ ...f, q: e.target.value }))}
                  aria-describedby="vol-q-hint"
                />
                <small id="vol-q-hint" className="form-text noi-hint">
                  {t('volunteers.desk.qHint')}
                </small>
              </div>
            </div>
            <FilterSelect
              id="vol-status"
              label={t('volunteers.desk.status')}
              value={form.status}
              onChange={(status) => setForm((f) => ({ ...f, status }))}
              any={t('volunteers.desk.anyStatus')}
            >
              {volunteerStatuses.map((s) => (
                <option key={s} value={s}>
                  {statusLabel(t, s)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect
              id="vol-skill"
              label={t('volunteers.desk.skill')}
              value={form.skill}
              onChange={(skill) => setForm((f) => ({ ...f, skill }))}
              any={t('volunteers.desk.anySkill')}
            >
              {skills.map((s) => (
                <option key={s} value={s}>
                  {skillLabel(t, s)}
                </option>
              ))}
            </FilterSelect>
            <FilterSelect
              id="vol-neighbourhood"
              label={t('volunteers.desk.neighbourhood')}
              value={form.neighbourhood}
              onChange={(neighbourhood) => setForm((f) => ({ ...f, neighbourhood }))}
              any={t('volunteers.desk.anyNeighbourhood')}
            >
              {names.zones.map((z) => (
                <optgroup key={z.code} label={z.name}>
                  {z.neighbourhoods.map((n) => (
                    <option key={n.code} value={n.code}>
                      {n.name}
                    </option>
                  ))}
                </optgroup>
              ))}
            </FilterSelect>
          </div>
          <div className="d-flex flex-wrap gap-2">
            <button type="submit" className="btn btn-primary">
              {t('volunteers.desk.apply')}
            </button>
            <button type="button" className="btn btn-outline-primary" onClick={onClear}>
              {t('volunteers.desk.clear')}
            </button>
          </div>
        </form>
      </section>

      <section aria-labelledby="vol-list-title" className="mb-5">
        <h2 id="vol-list-title" className="h4">
          {t('volunteers.desk.listTitle')}
        </h2>
        {list.state === 'loading' ? (
          <Loading />
        ) : list.state === 'error' ? (
          <div className="alert alert-danger noi-alert" role="alert">
            {list.error.problem.detail}
          </div>
        ) : (
          <>
            <p id="vol-count" role="status">
              {t('volunteers.desk.count', { count: list.data.total })}
            </p>
            {list.data.items.length > 0 && (
              <div className="table-responsive">
                <table className="table noi-vol-table">
                  <caption className="visually-hidden">{t('volunteers.desk.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('volunteers.desk.name')}</th>
                      <th scope="col">{t('volunteers.desk.status')}</th>
                      <th scope="col">{t('volunteers.desk.skill')}</th>
                      <th scope="col">{t('volunteers.profile.neighbourhoods')}</th>
                      <th scope="col">{t('volunteers.desk.load')}</th>
                      <th scope="col">{t('volunteers.profile.clearance')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.data.items.map((v) => {
                      const codes = neighbourhoodCodesOf(v);
                      return (
                        <tr key={v.userId}>
                          <th scope="row">
                            <Link to={`/sportello/volontari/${encodeURIComponent(v.userId)}`}>
                              {v.displayName ?? v.userId}
                            </Link>
                          </th>
                          <td>
                            <VolunteerStatusBadge status={v.status} />
                          </td>
                          <td>{v.skills.map((s) => skillLabel(t, s)).join(', ')}</td>
                          <td>
                            {codes
                              .slice(0, 3)
                              .map((c) => names.neighbourhood(c))
                              .join(', ')}
                            {codes.length > 3 && ` ${t('volunteers.desk.more', { count: codes.length - 3 })}`}
                          </td>
                          <td>{t('volunteers.desk.loadOf', { load: v.load ?? 0, max: v.maxTasks })}</td>
                          <td>{clearanceOf(v) ? t('volunteers.desk.yes') : t('volunteers.desk.no')}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            )}
            {list.data.total > pageSize && (
              <nav className="pagination-wrapper" aria-label={t('volunteers.desk.pages')}>
                <ul className="pagination">
                  {page > 1 && (
                    <li className="page-item">
                      <Link className="page-link" to={pageLink(page - 1)}>
                        {t('volunteers.desk.previous')}
                      </Link>
                    </li>
                  )}
                  <li className="page-item">
                    <span className="page-link" aria-current="page">
                      {t('volunteers.desk.page', { page, pages: Math.ceil(list.data.total / pageSize) })}
                    </span>
                  </li>
                  {page * pageSize < list.data.total && (
                    <li className="page-item">
                      <Link className="page-link" to={pageLink(page + 1)}>
                        {t('volunteers.desk.next')}
                      </Link>
                    </li>
                  )}
                </ul>
              </nav>
            )}
          </>
        )}
      </section>
      <Figures />
    </div>
  );
}

/** `/sportello/volontari/:userId`: one volunteer: their profile, accept/pause/end, clearance. */
export function VolunteerDeskPage() {
  const { t } = useTranslation();
  const gate = useDeskGate();
  const location = useLocation();
  usePageTitle(t('volunteers.desk.one'));
  if (gate === 'loading') return <Loading />;
  if (gate === 'signedOut') return <Navigate to={signInPath(location.pathname)} replace />;
  if (gate === 'forbidden') return <Forbidden />;
  return <OneVolunteer />;
}

function OneVolunteer() {
  const { t } = useTranslation();
  const { userId = '' } = useParams();
  const loaded = useKeptApi<VolunteerProfile>(`/api/v1/volunteers/${encodeURIComponent(userId)}`);
  const [message, setMessage] = useState<{ text: string; n: number } | null>(null);
  usePageTitle(loaded.state === 'ready' ? loaded.data.displayName : t('volunteers.desk.one'));
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error') return <LoadFailure error={loaded.error} onRetry={loaded.reload} />;
  const v = loaded.data;
  const done = (text: string) => {
    setMessage((m) => ({ text, n: (m?.n ?? 0) + 1 }));
    loaded.reload();
  };
  return (
    <div className="container my-5 noi-vol">
      <nav aria-label={t('volunteers.desk.breadcrumb')} className="breadcrumb-container">
        <ol className="breadcrumb">
          <li className="breadcrumb-item">
            <Link to="/sportello/volontari">{t('volunteers.desk.title')}</Link>
            <span className="separator" aria-hidden="true">
              /
            </span>
          </li>
          <li className="breadcrumb-item active" aria-current="page">
            {v.displayName}
          </li>
        </ol>
      </nav>
      <h1>{v.displayName}</h1>
      <p className="lead">
        <VolunteerStatusBadge status={v.status} />
        {v.statusReason && <span className="ms-2 small">{v.statusReason}</span>}
      </p>
      <StatusMessage message={message} />
      <div className="row">
        <div className="col-12 col-lg-7">
          <Card id="vol-profile" title={t('volunteers.desk.profile')}>
            <ProfileFacts profile={v} staff />
          </Card>
        </div>
        <div className="col-12 col-lg-5">
          <StatusForm volunteer={v} onDone={done} />
          <ClearanceForm volunteer={v} onDone={done} />
        </div>
      </div>
    </div>
  );
}

function StatusForm({ volunteer, onDone }: { volunteer: VolunteerProfile; onDone: (text: string) => void }) {
  const { t } = useTranslation();
  const options = nextStatuses[volunteer.status] ?? [];
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const firstOption = `vol-to-${options[0] ?? 'none'}`;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new status clears the form
  useEffect(() => {
    setTo('');
    setReason('');
  }, [volunteer.status]);
  const reasonNeeded = to === 'paused' || to === 'left';
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] = [];
    if (!to) found.push({ id: firstOption, message: t('volunteers.desk.check.status') });
    if (reasonNeeded && reason.trim().length < 3)
      found.push({ id: 'vol-status-reason', message: t('volunteers.desk.check.reason') });
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      const body: { status: string; reason?: string } = { status: to };
      if (reason.trim()) body.reason = reason.trim();
      await api.post(`/api/v1/volunteers/${encodeURIComponent(volunteer.userId)}/status`, body);
      onDone(t(`volunteers.desk.statusDone.${to}`, { name: volunteer.displayName }));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const field = p.errors?.find((x) => x.field.replace(/^body\./, '') === 'reason');
      if (field) setChecks([{ id: 'vol-status-reason', message: field.message }]);
      else setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  if (!options.length) return null;
  const errorOf = (id: string) => checks.find((c) => c.id === id)?.message;
  return (
    <Card id="vol-status-form" title={t('volunteers.desk.statusTitle')}>
      <ErrorSummary id="vol-status-errors" errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <fieldset className="noi-vol-fieldset">
          <legend className="noi-vol-legend">{t('volunteers.desk.newStatus')}</legend>
          {options.map((s) => (
            <div className="form-check" key={s}>
              <input
                id={`vol-to-${s}`}
                name="vol-to"
                type="radio"
                value={s}
                checked={to === s}
                onChange={() => setTo(s)}
                aria-invalid={errorOf(firstOption) ? true : undefined}
                aria-describedby={
                  s === options[0] ? describedBy(firstOption, undefined, errorOf(firstOption)) : undefined
                }
              />
              <label htmlFor={`vol-to-${s}`}>{t(`volunteers.desk.to.${s}`)}</label>
            </div>
          ))}
          <HintAndError id={firstOption} error={errorOf(firstOption)} />
        </fieldset>
        <div className="form-group noi-field">
          <label htmlFor="vol-status-reason" className="active">
            {reasonNeeded ? t('volunteers.desk.reason') : t('volunteers.desk.reasonOptional')}
          </label>
          <textarea
            id="vol-status-reason"
            rows={2}
            maxLength={1000}
            className={`form-control${errorOf('vol-status-reason') ? ' is-invalid' : ''}`}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={errorOf('vol-status-reason') ? true : undefined}
            aria-describedby={describedBy(
              'vol-status-reason',
              t('volunteers.desk.reasonHint'),
              errorOf('vol-status-reason'),
            )}
          />
          <HintAndError
            id="vol-status-reason"
            hint={t('volunteers.desk.reasonHint')}
            error={errorOf('vol-status-reason')}
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('volunteers.desk.statusSubmit')}
        </button>
      </form>
    </Card>
  );
}

function ClearanceForm({
  volunteer,
  onDone,
}: {
  volunteer: VolunteerProfile;
  onDone: (text: string) => void;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [checks, setChecks] = useState<Check[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [detail, setDetail] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const cleared = clearanceOf(volunteer);
  const field = useRef<HTMLTextAreaElement>(null);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setAttempt((n) => n + 1);
    setDetail(undefined);
    const found: Check[] =
      note.trim().length < 3
        ? [{ id: 'vol-clearance-note', message: t('volunteers.desk.check.clearance') }]
        : [];
    setChecks(found);
    if (found.length) return;
    setBusy(true);
    try {
      await api.post(`/api/v1/volunteers/${encodeURIComponent(volunteer.userId)}/clearance`, {
        note: note.trim(),
      });
      setNote('');
      onDone(t('volunteers.desk.clearanceDone', { name: volunteer.displayName }));
    } catch (error) {
      const p = error instanceof ApiError ? error.problem : toProblem(error);
      const fe = p.errors?.find((x) => x.field.replace(/^body\./, '') === 'note');
      if (fe) setChecks([{ id: 'vol-clearance-note', message: fe.message }]);
      else setDetail(p.detail || p.title);
    } finally {
      setBusy(false);
    }
  };
  const error = checks[0]?.message;
  return (
    <Card id="vol-clearance" title={t('volunteers.desk.clearanceTitle')}>
      <p>{t('volunteers.desk.clearanceIntro')}</p>
      {cleared && <p className="fw-semibold">{t('volunteers.desk.alreadyCleared')}</p>}
      <ErrorSummary id="vol-clearance-errors" errors={checks} attempt={attempt} detail={detail} />
      <form noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <div className="form-group noi-field">
          <label htmlFor="vol-clearance-note" className="active">
            {t('volunteers.desk.clearanceNote')}
          </label>
          <textarea
            ref={field}
            id="vol-clearance-note"
            rows={2}
            maxLength={1000}
            className={`form-control${error ? ' is-invalid' : ''}`}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={describedBy('vol-clearance-note', t('volunteers.desk.clearanceHint'), error)}
          />
          <HintAndError id="vol-clearance-note" hint={t('volunteers.desk.clearanceHint')} error={error} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('volunteers.desk.clearanceSubmit')}
        </button>
      </form>
    </Card>
  );
}
